/**
 * Wire layout of the k8s.io/api/rbac/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const rbacV1: MessageTable = {
  'rbac.v1.AggregationRule': [
    [1, 'clusterRoleSelectors', 'meta.v1.LabelSelector', 'ro'],
  ],
  'rbac.v1.ClusterRole': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'rules', 'rbac.v1.PolicyRule', 'r'],
    [3, 'aggregationRule', 'rbac.v1.AggregationRule', 'po'],
  ],
  'rbac.v1.ClusterRoleBinding': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'subjects', 'rbac.v1.Subject', 'ro'],
    [3, 'roleRef', 'rbac.v1.RoleRef', ''],
  ],
  'rbac.v1.PolicyRule': [
    [1, 'verbs', 'string', 'r'],
    [2, 'apiGroups', 'string', 'ro', 'APIGroups'],
    [3, 'resources', 'string', 'ro'],
    [4, 'resourceNames', 'string', 'ro'],
    [5, 'nonResourceURLs', 'string', 'ro'],
  ],
  'rbac.v1.Role': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'rules', 'rbac.v1.PolicyRule', 'r'],
  ],
  'rbac.v1.RoleBinding': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'subjects', 'rbac.v1.Subject', 'ro'],
    [3, 'roleRef', 'rbac.v1.RoleRef', ''],
  ],
  'rbac.v1.RoleRef': [
    [1, 'apiGroup', 'string', '', 'APIGroup'],
    [2, 'kind', 'string', ''],
    [3, 'name', 'string', ''],
  ],
  'rbac.v1.Subject': [
    [1, 'kind', 'string', ''],
    [2, 'apiGroup', 'string', 'o', 'APIGroup'],
    [3, 'name', 'string', ''],
    [4, 'namespace', 'string', 'o'],
  ],
};
