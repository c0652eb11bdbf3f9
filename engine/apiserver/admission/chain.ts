/**
 * The admission chain: the default-on plugins of kube-apiserver 1.32 that Cluster Lab implements, in upstream's
 * order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins). Not modelled: PodSecurity, the certificate
 * plugins (CertificateApproval/Signing/SubjectRestriction, ClusterTrustBundleAttest), and the webhook and
 * admission-policy plugins. Both phases walk the same list; a plugin
 * takes part in a phase by defining `admit` or `validate`. The first rejection stops the request.
 *
 * Upstream runs the mutating phase for DELETE too (the delete handler calls Admit), which is where
 * NamespaceLifecycle protects default, kube-system and kube-public.
 */
import { defaultIngressClass } from './default-ingress-class';
import { defaultStorageClass } from './default-storage-class';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { persistentVolumeClaimResize } from './persistent-volume-claim-resize';
import { priority } from './priority';
import { resourceQuota } from './resource-quota/resource-quota';
import { runtimeClass } from './runtime-class';
import { serviceAccount } from './service-account';
import { storageObjectInUseProtection } from './storage-object-in-use-protection';
import { taintNodesByCondition } from './taint-nodes-by-condition';
import type { AdmissionAttributes, AdmissionContext, AdmissionPhase, AdmissionPlugin } from './types';

export function defaultAdmissionChain(): AdmissionPlugin[] {
  return [
    namespaceLifecycle,
    limitRanger,
    serviceAccount,
    taintNodesByCondition,
    priority,
    defaultTolerationSeconds,
    defaultStorageClass,
    storageObjectInUseProtection,
    persistentVolumeClaimResize,
    runtimeClass,
    defaultIngressClass,
    resourceQuota,
  ];
}

export async function runAdmission(chain: readonly AdmissionPlugin[], phase: AdmissionPhase, a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
  for (const plugin of chain) {
    const step = phase === 'mutating' ? plugin.admit : plugin.validate;
    if (step !== undefined) await step.call(plugin, a, ctx);
  }
}
