/**
 * The strategies for Pods and the workload kinds, keyed `<group or core>/<Kind>` for the registry.
 * Other kinds (Service, ConfigMap, Namespace, …) live in their own table.
 */
import type { KindStrategy } from '../registry/strategy';
import { controllerRevisionStrategy } from './apps/controller-revision-strategy';
import { daemonSetStrategy } from './apps/daemon-set-strategy';
import { deploymentStrategy } from './apps/deployment-strategy';
import { replicaSetStrategy } from './apps/replica-set-strategy';
import { statefulSetStrategy } from './apps/stateful-set-strategy';
import { cronJobStrategy } from './batch/cron-job-strategy';
import { jobStrategy } from './batch/job-strategy';
import { podStrategy, podTemplateStrategy } from './pod/pod-strategy';

export const workloadStrategies: Record<string, KindStrategy> = {
  'core/Pod': podStrategy,
  'core/PodTemplate': podTemplateStrategy,
  'apps/Deployment': deploymentStrategy,
  'apps/ReplicaSet': replicaSetStrategy,
  'apps/StatefulSet': statefulSetStrategy,
  'apps/DaemonSet': daemonSetStrategy,
  'apps/ControllerRevision': controllerRevisionStrategy,
  'batch/Job': jobStrategy,
  'batch/CronJob': cronJobStrategy,
};
