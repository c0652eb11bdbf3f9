/**
 * The kinds whose protobuf request bodies Cluster Lab decodes: what kubectl 1.32's typed clients send
 * (create namespace/configmap/secret/deployment/service/job/cronjob/serviceaccount/role/rolebinding/
 * clusterrole/clusterrolebinding/quota/priorityclass/poddisruptionbudget/token, auth can-i/whoami, drain),
 * plus Pod. Keyed by `apiVersion/Kind` as the envelope's TypeMeta names them.
 */
const KIND_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['v1/Namespace', 'core.v1.Namespace'],
  ['v1/ConfigMap', 'core.v1.ConfigMap'],
  ['v1/Secret', 'core.v1.Secret'],
  ['v1/Service', 'core.v1.Service'],
  ['v1/ServiceAccount', 'core.v1.ServiceAccount'],
  ['v1/ResourceQuota', 'core.v1.ResourceQuota'],
  ['v1/Pod', 'core.v1.Pod'],
  ['apps/v1/Deployment', 'apps.v1.Deployment'],
  ['batch/v1/Job', 'batch.v1.Job'],
  ['batch/v1/CronJob', 'batch.v1.CronJob'],
  ['rbac.authorization.k8s.io/v1/Role', 'rbac.v1.Role'],
  ['rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.v1.ClusterRole'],
  ['rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.v1.RoleBinding'],
  ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', 'rbac.v1.ClusterRoleBinding'],
  ['scheduling.k8s.io/v1/PriorityClass', 'scheduling.v1.PriorityClass'],
  ['policy/v1/PodDisruptionBudget', 'policy.v1.PodDisruptionBudget'],
  ['policy/v1/Eviction', 'policy.v1.Eviction'],
  ['authorization.k8s.io/v1/SelfSubjectAccessReview', 'authorization.v1.SelfSubjectAccessReview'],
  ['authorization.k8s.io/v1/SelfSubjectRulesReview', 'authorization.v1.SelfSubjectRulesReview'],
  ['authentication.k8s.io/v1/SelfSubjectReview', 'authentication.v1.SelfSubjectReview'],
  ['authentication.k8s.io/v1/TokenRequest', 'authentication.v1.TokenRequest'],
]);

/**
 * The message key for a kind, or undefined when Cluster Lab cannot decode it from protobuf.
 * DeleteOptions is registered in every group version upstream (metav1.AddToGroupVersion), so any apiVersion maps
 * to the one meta/v1 message.
 */
export function messageKeyForKind(apiVersion: string, kind: string): string | undefined {
  if (kind === 'DeleteOptions') return 'meta.v1.DeleteOptions';
  return KIND_MESSAGES.get(`${apiVersion}/${kind}`);
}
