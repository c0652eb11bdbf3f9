/**
 * Wire layout of the k8s.io/api/apps/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const appsV1: MessageTable = {
  'apps.v1.Deployment': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'apps.v1.DeploymentSpec', 'o'],
    [3, 'status', 'apps.v1.DeploymentStatus', 'o'],
  ],
  'apps.v1.DeploymentCondition': [
    [1, 'type', 'string', ''],
    [2, 'status', 'string', ''],
    [6, 'lastUpdateTime', 'Time', 'o'],
    [7, 'lastTransitionTime', 'Time', 'o'],
    [4, 'reason', 'string', 'o'],
    [5, 'message', 'string', 'o'],
  ],
  'apps.v1.DeploymentSpec': [
    [1, 'replicas', 'int32', 'po'],
    [2, 'selector', 'meta.v1.LabelSelector', 'p'],
    [3, 'template', 'core.v1.PodTemplateSpec', ''],
    [4, 'strategy', 'apps.v1.DeploymentStrategy', 'o'],
    [5, 'minReadySeconds', 'int32', 'o'],
    [6, 'revisionHistoryLimit', 'int32', 'po'],
    [7, 'paused', 'bool', 'o'],
    [9, 'progressDeadlineSeconds', 'int32', 'po'],
  ],
  'apps.v1.DeploymentStatus': [
    [1, 'observedGeneration', 'int64', 'o'],
    [2, 'replicas', 'int32', 'o'],
    [3, 'updatedReplicas', 'int32', 'o'],
    [7, 'readyReplicas', 'int32', 'o'],
    [4, 'availableReplicas', 'int32', 'o'],
    [5, 'unavailableReplicas', 'int32', 'o'],
    [6, 'conditions', 'apps.v1.DeploymentCondition', 'ro'],
    [8, 'collisionCount', 'int32', 'po'],
  ],
  'apps.v1.DeploymentStrategy': [
    [1, 'type', 'string', 'o'],
    [2, 'rollingUpdate', 'apps.v1.RollingUpdateDeployment', 'po'],
  ],
  'apps.v1.RollingUpdateDeployment': [
    [1, 'maxUnavailable', 'IntOrString', 'po'],
    [2, 'maxSurge', 'IntOrString', 'po'],
  ],
};
