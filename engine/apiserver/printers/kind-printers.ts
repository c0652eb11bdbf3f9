/**
 * The kinds with an upstream printer (printers.AddHandlers), by kind key '<group or core>/<Kind>'.
 * Kinds absent here (Role, ClusterRole, LimitRange, CustomResourceDefinition, …) get the default table.
 */
import { eventPrinter, componentStatusPrinter, leasePrinter, namespacePrinter, nodePrinter, priorityClassPrinter, runtimeClassPrinter } from './cluster-printers';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './config-printers';
import type { KindPrinter } from './kind-printer';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network-printers';
import { podPrinter, podTemplatePrinter } from './pod-printers';
import {
  clusterRoleBindingPrinter,
  horizontalPodAutoscalerPrinter,
  podDisruptionBudgetPrinter,
  roleBindingPrinter,
  webhookConfigurationPrinter,
} from './policy-printers';
import { csiNodePrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-printers';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers';

const PRINTERS: Readonly<Record<string, KindPrinter>> = {
  'core/Pod': podPrinter,
  'core/PodTemplate': podTemplatePrinter,
  'core/ReplicationController': replicationControllerPrinter,
  'core/Service': servicePrinter,
  'core/Endpoints': endpointsPrinter,
  'core/Node': nodePrinter,
  'core/Event': eventPrinter,
  'events.k8s.io/Event': eventPrinter,
  'core/Namespace': namespacePrinter,
  'core/Secret': secretPrinter,
  'core/ServiceAccount': serviceAccountPrinter,
  'core/PersistentVolume': persistentVolumePrinter,
  'core/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  'core/ComponentStatus': componentStatusPrinter,
  'core/ConfigMap': configMapPrinter,
  'core/ResourceQuota': resourceQuotaPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'node.k8s.io/RuntimeClass': runtimeClassPrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'storage.k8s.io/CSINode': csiNodePrinter,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhookConfigurationPrinter,
};

export function kindPrinter(kindKey: string): KindPrinter | undefined {
  return Object.prototype.hasOwnProperty.call(PRINTERS, kindKey) ? PRINTERS[kindKey] : undefined;
}
