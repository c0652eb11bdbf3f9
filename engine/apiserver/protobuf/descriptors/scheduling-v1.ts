/**
 * Wire layout of the k8s.io/api/scheduling/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const schedulingV1: MessageTable = {
  'scheduling.v1.PriorityClass': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'value', 'int32', ''],
    [3, 'globalDefault', 'bool', 'o'],
    [4, 'description', 'string', 'o'],
    [5, 'preemptionPolicy', 'string', 'po'],
  ],
};
