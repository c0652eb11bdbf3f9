/**
 * Kind-specific registry steps that need more than the object: Namespace deletion as a Terminating phase,
 * Pod graceful deletion, Service address allocation, CustomResourceDefinitions (re)building the catalog.
 */
import { deepCopy, type KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import { rfc3339 } from '../../base/clock';
import type { Store } from '../../store/types';
import type { KindHooks } from '../registry/registry-deps';
import type { DynamicCatalog } from '../resources/dynamic-catalog';
import type { ResourceInfo } from '../resources/resource-catalog';
import { allocateServiceAddresses, usedAllocations } from './service-allocation';

export interface HookEnv {
  store: Store;
  clock: Clock;
  catalog: DynamicCatalog;
  /** Store prefix of Services and CRDs, from the catalog. */
  servicesPrefix: string;
}

function namespaceHooks(env: HookEnv, info: ResourceInfo): KindHooks {
  return {
    readyToDelete: (obj) => ((obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0,
    interceptDelete: async (current, dryRun) => {
      const specFinalizers = (current['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      if (current.metadata?.deletionTimestamp) return current;
      if (specFinalizers.length === 0 && (current.metadata?.finalizers ?? []).length === 0) return undefined;
      const next = deepCopy(current);
      next.metadata = { ...next.metadata, deletionTimestamp: rfc3339(env.clock.now()), deletionGracePeriodSeconds: 0 };
      next['status'] = { ...(next['status'] as object), phase: 'Terminating' };
      if (dryRun) return next;
      const stored = await env.store.update(`${info.storagePrefix}${current.metadata?.name}`, next, { resourceVersion: current.metadata?.resourceVersion });
      return stored.object;
    },
  };
}

const podHooks: KindHooks = {
  gracePeriod: (pod, requested) => {
    const spec = (pod['spec'] ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    let period = requested ?? spec.terminationGracePeriodSeconds ?? 0;
    if (!spec.nodeName) period = 0; // never scheduled: nothing to stop
    if (phase === 'Failed' || phase === 'Succeeded') period = 0;
    return period;
  },
};

function serviceHooks(env: HookEnv): KindHooks {
  const used = async (exceptUid?: string) => usedAllocations((await env.store.list(env.servicesPrefix)).items.map((i) => i.object), exceptUid);
  return {
    beforeCreate: async (svc) => allocateServiceAddresses(svc, await used(), env.clock.random),
    beforeUpdate: async (svc, old) => allocateServiceAddresses(svc, await used(old.metadata?.uid), env.clock.random, old),
  };
}

/**
 * Keeps the catalog's custom resources in step with CRD writes synchronously, so a client may create a custom
 * resource right after its CRD's create returns. `crds` is seeded from the store at start-up.
 */
function crdHooks(env: HookEnv, crds: Map<string, KubeObject>): KindHooks {
  return {
    afterWrite: (obj, old) => {
      const name = obj?.metadata?.name ?? old?.metadata?.name ?? '';
      if (obj) crds.set(name, obj);
      else {
        crds.delete(name);
        void removeCustomResources(env.store, old);
      }
      env.catalog.setCustomResourceDefinitions([...crds.values()]);
    },
  };
}

/**
 * A deleted CRD takes its custom resources with it (upstream's customresourcecleanup finalizer does this before
 * the CRD goes; here it follows right after), so re-creating the CRD does not resurrect old objects.
 */
async function removeCustomResources(store: Store, crd: KubeObject | undefined): Promise<void> {
  const spec = crd?.['spec'] as { group?: string; names?: { plural?: string } } | undefined;
  if (!spec?.group || !spec.names?.plural) return;
  const list = await store.list(`/registry/${spec.group}/${spec.names.plural}/`);
  for (const item of list.items) {
    try {
      await store.delete(item.key);
    } catch {
      // already gone
    }
  }
}

export function createKindHooks(env: HookEnv, crds: Map<string, KubeObject>): (info: ResourceInfo) => KindHooks | undefined {
  const byKind = new Map<string, KindHooks>();
  return (info) => {
    let hooks = byKind.get(info.kindKey);
    if (hooks) return hooks;
    switch (info.kindKey) {
      case 'core/Namespace':
        hooks = namespaceHooks(env, info);
        break;
      case 'core/Pod':
        hooks = podHooks;
        break;
      case 'core/Service':
        hooks = serviceHooks(env);
        break;
      case 'apiextensions.k8s.io/CustomResourceDefinition':
        hooks = crdHooks(env, crds);
        break;
      default:
        return undefined;
    }
    byKind.set(info.kindKey, hooks);
    return hooks;
  };
}
