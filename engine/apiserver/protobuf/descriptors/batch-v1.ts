/**
 * Wire layout of the k8s.io/api/batch/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const batchV1: MessageTable = {
  'batch.v1.CronJob': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'batch.v1.CronJobSpec', 'o'],
    [3, 'status', 'batch.v1.CronJobStatus', 'o'],
  ],
  'batch.v1.CronJobSpec': [
    [1, 'schedule', 'string', ''],
    [8, 'timeZone', 'string', 'po'],
    [2, 'startingDeadlineSeconds', 'int64', 'po'],
    [3, 'concurrencyPolicy', 'string', 'o'],
    [4, 'suspend', 'bool', 'po'],
    [5, 'jobTemplate', 'batch.v1.JobTemplateSpec', ''],
    [6, 'successfulJobsHistoryLimit', 'int32', 'po'],
    [7, 'failedJobsHistoryLimit', 'int32', 'po'],
  ],
  'batch.v1.CronJobStatus': [
    [1, 'active', 'core.v1.ObjectReference', 'ro'],
    [4, 'lastScheduleTime', 'Time', 'po'],
    [5, 'lastSuccessfulTime', 'Time', 'po'],
  ],
  'batch.v1.Job': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'batch.v1.JobSpec', 'o'],
    [3, 'status', 'batch.v1.JobStatus', 'o'],
  ],
  'batch.v1.JobCondition': [
    [1, 'type', 'string', ''],
    [2, 'status', 'string', ''],
    [3, 'lastProbeTime', 'Time', 'o'],
    [4, 'lastTransitionTime', 'Time', 'o'],
    [5, 'reason', 'string', 'o'],
    [6, 'message', 'string', 'o'],
  ],
  'batch.v1.JobSpec': [
    [1, 'parallelism', 'int32', 'po'],
    [2, 'completions', 'int32', 'po'],
    [3, 'activeDeadlineSeconds', 'int64', 'po'],
    [11, 'podFailurePolicy', 'batch.v1.PodFailurePolicy', 'po'],
    [16, 'successPolicy', 'batch.v1.SuccessPolicy', 'po'],
    [7, 'backoffLimit', 'int32', 'po'],
    [12, 'backoffLimitPerIndex', 'int32', 'po'],
    [13, 'maxFailedIndexes', 'int32', 'po'],
    [4, 'selector', 'meta.v1.LabelSelector', 'po'],
    [5, 'manualSelector', 'bool', 'po'],
    [6, 'template', 'core.v1.PodTemplateSpec', ''],
    [8, 'ttlSecondsAfterFinished', 'int32', 'po', 'TTLSecondsAfterFinished'],
    [9, 'completionMode', 'string', 'po'],
    [10, 'suspend', 'bool', 'po'],
    [14, 'podReplacementPolicy', 'string', 'po'],
    [15, 'managedBy', 'string', 'po'],
  ],
  'batch.v1.JobStatus': [
    [1, 'conditions', 'batch.v1.JobCondition', 'ro'],
    [2, 'startTime', 'Time', 'po'],
    [3, 'completionTime', 'Time', 'po'],
    [4, 'active', 'int32', 'o'],
    [5, 'succeeded', 'int32', 'o'],
    [6, 'failed', 'int32', 'o'],
    [11, 'terminating', 'int32', 'po'],
    [7, 'completedIndexes', 'string', 'o'],
    [10, 'failedIndexes', 'string', 'po'],
    [8, 'uncountedTerminatedPods', 'batch.v1.UncountedTerminatedPods', 'po'],
    [9, 'ready', 'int32', 'po'],
  ],
  'batch.v1.JobTemplateSpec': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'batch.v1.JobSpec', 'o'],
  ],
  'batch.v1.PodFailurePolicy': [
    [1, 'rules', 'batch.v1.PodFailurePolicyRule', 'r'],
  ],
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': [
    [1, 'containerName', 'string', 'po'],
    [2, 'operator', 'string', ''],
    [3, 'values', 'int32', 'r'],
  ],
  'batch.v1.PodFailurePolicyOnPodConditionsPattern': [
    [1, 'type', 'string', ''],
    [2, 'status', 'string', ''],
  ],
  'batch.v1.PodFailurePolicyRule': [
    [1, 'action', 'string', ''],
    [2, 'onExitCodes', 'batch.v1.PodFailurePolicyOnExitCodesRequirement', 'po'],
    [3, 'onPodConditions', 'batch.v1.PodFailurePolicyOnPodConditionsPattern', 'ro'],
  ],
  'batch.v1.SuccessPolicy': [
    [1, 'rules', 'batch.v1.SuccessPolicyRule', 'r'],
  ],
  'batch.v1.SuccessPolicyRule': [
    [1, 'succeededIndexes', 'string', 'po'],
    [2, 'succeededCount', 'int32', 'po'],
  ],
  'batch.v1.UncountedTerminatedPods': [
    [1, 'succeeded', 'string', 'ro'],
    [2, 'failed', 'string', 'ro'],
  ],
};
