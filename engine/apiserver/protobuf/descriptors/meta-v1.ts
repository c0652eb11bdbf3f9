/**
 * Wire layout of the k8s.io/apimachinery/pkg/apis/meta/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const metaV1: MessageTable = {
  'meta.v1.Condition': [
    [1, 'type', 'string', ''],
    [2, 'status', 'string', ''],
    [3, 'observedGeneration', 'int64', 'o'],
    [4, 'lastTransitionTime', 'Time', ''],
    [5, 'reason', 'string', ''],
    [6, 'message', 'string', ''],
  ],
  'meta.v1.DeleteOptions': [
    [1, 'gracePeriodSeconds', 'int64', 'po'],
    [2, 'preconditions', 'meta.v1.Preconditions', 'po'],
    [3, 'orphanDependents', 'bool', 'po'],
    [4, 'propagationPolicy', 'string', 'po'],
    [5, 'dryRun', 'string', 'ro'],
    [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'po'],
  ],
  'meta.v1.FieldSelectorRequirement': [
    [1, 'key', 'string', ''],
    [2, 'operator', 'string', ''],
    [3, 'values', 'string', 'ro'],
  ],
  'meta.v1.LabelSelector': [
    [1, 'matchLabels', 'string', 'mo'],
    [2, 'matchExpressions', 'meta.v1.LabelSelectorRequirement', 'ro'],
  ],
  'meta.v1.LabelSelectorRequirement': [
    [1, 'key', 'string', ''],
    [2, 'operator', 'string', ''],
    [3, 'values', 'string', 'ro'],
  ],
  'meta.v1.ManagedFieldsEntry': [
    [1, 'manager', 'string', 'o'],
    [2, 'operation', 'string', 'o'],
    [3, 'apiVersion', 'string', 'o', 'APIVersion'],
    [4, 'time', 'Time', 'po'],
    [6, 'fieldsType', 'string', 'o'],
    [7, 'fieldsV1', 'FieldsV1', 'po'],
    [8, 'subresource', 'string', 'o'],
  ],
  'meta.v1.ObjectMeta': [
    [1, 'name', 'string', 'o'],
    [2, 'generateName', 'string', 'o'],
    [3, 'namespace', 'string', 'o'],
    [4, 'selfLink', 'string', 'o'],
    [5, 'uid', 'string', 'o', 'UID'],
    [6, 'resourceVersion', 'string', 'o'],
    [7, 'generation', 'int64', 'o'],
    [8, 'creationTimestamp', 'Time', 'o'],
    [9, 'deletionTimestamp', 'Time', 'po'],
    [10, 'deletionGracePeriodSeconds', 'int64', 'po'],
    [11, 'labels', 'string', 'mo'],
    [12, 'annotations', 'string', 'mo'],
    [13, 'ownerReferences', 'meta.v1.OwnerReference', 'ro'],
    [14, 'finalizers', 'string', 'ro'],
    [17, 'managedFields', 'meta.v1.ManagedFieldsEntry', 'ro'],
  ],
  'meta.v1.OwnerReference': [
    [5, 'apiVersion', 'string', '', 'APIVersion'],
    [1, 'kind', 'string', ''],
    [3, 'name', 'string', ''],
    [4, 'uid', 'string', '', 'UID'],
    [6, 'controller', 'bool', 'po'],
    [7, 'blockOwnerDeletion', 'bool', 'po'],
  ],
  'meta.v1.Preconditions': [
    [1, 'uid', 'string', 'po', 'UID'],
    [2, 'resourceVersion', 'string', 'po'],
  ],
};
