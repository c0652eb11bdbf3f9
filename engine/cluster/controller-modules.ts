/**
 * The workload controllers the controller-manager starts through the ControllerDescriptor seam, in upstream's
 * `--controllers` naming. Adding a controller is one file under engine/controllers plus one line here.
 */
import type { ControllerDescriptor } from '../controllers/controller-context';
import { cronJobControllerDescriptor } from '../controllers/cron-job-controller';
import { daemonSetControllerDescriptor } from '../controllers/daemon-set-controller';
import { disruptionControllerDescriptor } from '../controllers/disruption-controller';
import { horizontalPodAutoscalerDescriptor } from '../controllers/horizontal-pod-autoscaler-controller';
import { jobControllerDescriptor } from '../controllers/job-controller';
import { localPathProvisionerDescriptor } from '../controllers/local-path-provisioner';
import { persistentVolumeBinderDescriptor } from '../controllers/persistent-volume-binder-controller';
import { resourceQuotaControllerDescriptor } from '../controllers/resource-quota-controller';
import { statefulSetControllerDescriptor } from '../controllers/stateful-set-controller';
import { storageProtectionDescriptor } from '../controllers/storage-protection-controller';
import { ttlAfterFinishedDescriptor } from '../controllers/ttl-after-finished-controller';

export const WORKLOAD_CONTROLLERS: readonly ControllerDescriptor[] = [
  statefulSetControllerDescriptor,
  daemonSetControllerDescriptor,
  jobControllerDescriptor,
  cronJobControllerDescriptor,
  ttlAfterFinishedDescriptor,
  resourceQuotaControllerDescriptor,
  disruptionControllerDescriptor,
  horizontalPodAutoscalerDescriptor,
  persistentVolumeBinderDescriptor,
  storageProtectionDescriptor,
  localPathProvisionerDescriptor,
];
