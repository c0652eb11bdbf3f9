/**
 * The admission chain: the default-on plugins of kube-apiserver 1.32 that Cluster Lab implements, in upstream's
 * order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins). Both phases walk the same list; a plugin
 * takes part in a phase by defining `admit` or `validate`. The first rejection stops the request.
 *
 * Upstream runs the mutating phase for DELETE too (the delete handler calls Admit), which is where
 * NamespaceLifecycle protects default, kube-system and kube-public.
 */
import { defaultStorageClass } from './default-storage-class';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { priority } from './priority';
import { resourceQuota } from './resource-quota/resource-quota';
import { serviceAccount } from './service-account';
import type { AdmissionAttributes, AdmissionContext, AdmissionPhase, AdmissionPlugin } from './types';

export function defaultAdmissionChain(): AdmissionPlugin[] {
  return [namespaceLifecycle, limitRanger, serviceAccount, priority, defaultTolerationSeconds, defaultStorageClass, resourceQuota];
}

export async function runAdmission(chain: readonly AdmissionPlugin[], phase: AdmissionPhase, a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
  for (const plugin of chain) {
    const step = phase === 'mutating' ? plugin.admit : plugin.validate;
    if (step !== undefined) await step.call(plugin, a, ctx);
  }
}
