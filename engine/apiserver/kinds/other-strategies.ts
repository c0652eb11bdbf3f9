/**
 * Strategies for every built-in kind except Pods (and their Binding subresource) and the apps/batch
 * workloads (workload-strategies.ts), keyed `<group or 'core'>/<Kind>` like ResourceInfo.kindKey.
 * ComponentStatus has none: it is read-only and computed on read (the catalog marks it so). PodTemplate and
 * ReplicationController are not modelled.
 */
import type { KindStrategy } from '../registry/strategy';
import { endpointSliceStrategy } from './cluster/endpoint-slice';
import { horizontalPodAutoscalerStrategy } from './cluster/horizontal-pod-autoscaler';
import { leaseStrategy } from './cluster/lease';
import { podDisruptionBudgetStrategy } from './cluster/pod-disruption-budget';
import { priorityClassStrategy } from './cluster/priority-class';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './cluster/rbac';
import { reviewWithoutValidationStrategy, selfSubjectAccessReviewStrategy, subjectAccessReviewStrategy } from './cluster/access-reviews';
import { storageClassStrategy } from './cluster/storage-class';
import { configMapStrategy } from './core/config-map';
import { endpointsStrategy } from './core/endpoints';
import { coreEventStrategy, eventsV1EventStrategy } from './core/event';
import { limitRangeStrategy } from './core/limit-range';
import { namespaceStrategy } from './core/namespace';
import { nodeStrategy } from './core/node';
import { persistentVolumeStrategy } from './core/persistent-volume';
import { persistentVolumeClaimStrategy } from './core/persistent-volume-claim';
import { resourceQuotaStrategy } from './core/resource-quota';
import { secretStrategy } from './core/secret';
import { serviceStrategy } from './core/service';
import { serviceAccountStrategy } from './core/service-account';
import { customResourceDefinitionStrategy } from './extensions/custom-resource-definition';

export const otherStrategies: Record<string, KindStrategy> = {
  'core/Namespace': namespaceStrategy as KindStrategy,
  'core/Node': nodeStrategy as KindStrategy,
  'core/Service': serviceStrategy as KindStrategy,
  'core/Endpoints': endpointsStrategy as KindStrategy,
  'core/ConfigMap': configMapStrategy as KindStrategy,
  'core/Secret': secretStrategy as KindStrategy,
  'core/ServiceAccount': serviceAccountStrategy as KindStrategy,
  'core/Event': coreEventStrategy as KindStrategy,
  'events.k8s.io/Event': eventsV1EventStrategy as KindStrategy,
  'core/PersistentVolume': persistentVolumeStrategy as KindStrategy,
  'core/PersistentVolumeClaim': persistentVolumeClaimStrategy as KindStrategy,
  'core/LimitRange': limitRangeStrategy as KindStrategy,
  'core/ResourceQuota': resourceQuotaStrategy as KindStrategy,
  'storage.k8s.io/StorageClass': storageClassStrategy as KindStrategy,
  'scheduling.k8s.io/PriorityClass': priorityClassStrategy as KindStrategy,
  'rbac.authorization.k8s.io/Role': roleStrategy as KindStrategy,
  'rbac.authorization.k8s.io/ClusterRole': clusterRoleStrategy as KindStrategy,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingStrategy as KindStrategy,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingStrategy as KindStrategy,
  'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerStrategy as KindStrategy,
  'policy/PodDisruptionBudget': podDisruptionBudgetStrategy as KindStrategy,
  'coordination.k8s.io/Lease': leaseStrategy as KindStrategy,
  'discovery.k8s.io/EndpointSlice': endpointSliceStrategy as KindStrategy,
  'authorization.k8s.io/SelfSubjectAccessReview': selfSubjectAccessReviewStrategy as KindStrategy,
  'authorization.k8s.io/SubjectAccessReview': subjectAccessReviewStrategy as KindStrategy,
  'authorization.k8s.io/SelfSubjectRulesReview': reviewWithoutValidationStrategy,
  'authentication.k8s.io/SelfSubjectReview': reviewWithoutValidationStrategy,
  'apiextensions.k8s.io/CustomResourceDefinition': customResourceDefinitionStrategy as KindStrategy,
};

/**
 * Name rules that differ from the default DNS-1123 subdomain (each kind's upstream ValidateXName):
 * 'label' = DNS-1123 label, 'dns1035' = DNS-1035 label, 'path-segment' = path.IsValidPathSegmentName,
 * 'none' = not validated (core/v1 Events skip ObjectMeta validation entirely upstream).
 */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment' | 'none';

export const nameRules: Record<string, NameRule> = {
  'core/Namespace': 'label',
  'core/Service': 'dns1035',
  'core/Event': 'none',
  'rbac.authorization.k8s.io/Role': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRole': 'path-segment',
  'rbac.authorization.k8s.io/RoleBinding': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'path-segment',
  // Reviews are never stored: access reviews require empty metadata (checked by their strategies).
  'authorization.k8s.io/SelfSubjectAccessReview': 'none',
  'authorization.k8s.io/SubjectAccessReview': 'none',
  'authorization.k8s.io/SelfSubjectRulesReview': 'none',
  'authentication.k8s.io/SelfSubjectReview': 'none',
};
