/**
 * Wire layout of the k8s.io/api/policy/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const policyV1: MessageTable = {
  'policy.v1.Eviction': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'deleteOptions', 'meta.v1.DeleteOptions', 'po'],
  ],
  'policy.v1.PodDisruptionBudget': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'policy.v1.PodDisruptionBudgetSpec', 'o'],
    [3, 'status', 'policy.v1.PodDisruptionBudgetStatus', 'o'],
  ],
  'policy.v1.PodDisruptionBudgetSpec': [
    [1, 'minAvailable', 'IntOrString', 'po'],
    [2, 'selector', 'meta.v1.LabelSelector', 'po'],
    [3, 'maxUnavailable', 'IntOrString', 'po'],
    [4, 'unhealthyPodEvictionPolicy', 'string', 'po'],
  ],
  'policy.v1.PodDisruptionBudgetStatus': [
    [1, 'observedGeneration', 'int64', 'o'],
    [2, 'disruptedPods', 'Time', 'mo'],
    [3, 'disruptionsAllowed', 'int32', ''],
    [4, 'currentHealthy', 'int32', ''],
    [5, 'desiredHealthy', 'int32', ''],
    [6, 'expectedPods', 'int32', ''],
    [7, 'conditions', 'meta.v1.Condition', 'ro'],
  ],
};
