/**
 * The pvc-protection and pv-protection controllers (pkg/controller/volume/pvcprotection, pvprotection): the
 * StorageObjectInUseProtection admission plugin puts `kubernetes.io/pvc-protection` on every claim and
 * `kubernetes.io/pv-protection` on every volume; once deleted, a claim keeps its finalizer while a pod that is not
 * finished still uses it, and a volume keeps its own while it is Bound. Then the finalizer goes and the object
 * with it.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { PVCS, PVS } from './persistent-volume-binder-controller';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
const PVC_FINALIZER = 'kubernetes.io/pvc-protection';
const PV_FINALIZER = 'kubernetes.io/pv-protection';

function usesClaim(pod: KubeObject, claim: string): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const volumes = (pod['spec'] as { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }> } | undefined)?.volumes ?? [];
  return volumes.some((v) => v.persistentVolumeClaim?.claimName === claim || (v.ephemeral !== undefined && `${pod.metadata?.name}-${v.name}` === claim));
}

export class StorageProtectionController implements Reconciler {
  readonly name = 'storage-protection-controller';
  readonly loop: ControllerLoop;

  constructor(
    private readonly client: ApiClient,
    private readonly claims: Informer,
    private readonly volumes: Informer,
    private readonly pods: Informer,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    claims.addHandlers({ onUpdate: (_o, c) => c.metadata?.deletionTimestamp && this.loop.queue.add(`claim:${objectKey(c)}`) });
    volumes.addHandlers({ onUpdate: (_o, v) => v.metadata?.deletionTimestamp && this.loop.queue.add(`volume:${v.metadata?.name}`) });
    const podGone = (p: KubeObject) => {
      for (const c of this.claims.list(p.metadata?.namespace)) if (c.metadata?.deletionTimestamp) this.loop.queue.add(`claim:${objectKey(c)}`);
    };
    pods.addHandlers({ onDelete: podGone, onUpdate: (_o, p) => podGone(p) });
  }

  async reconcile(key: string): Promise<void> {
    const id = key.slice(key.indexOf(':') + 1);
    const claim = key.startsWith('claim:');
    const obj = claim ? this.claims.get(id) : this.volumes.get(id);
    const finalizer = claim ? PVC_FINALIZER : PV_FINALIZER;
    if (!obj?.metadata?.deletionTimestamp || !(obj.metadata.finalizers ?? []).includes(finalizer)) return;
    if (claim && this.pods.list(obj.metadata.namespace).some((p) => usesClaim(p, obj.metadata?.name ?? ''))) return;
    if (!claim && (obj['status'] as { phase?: string } | undefined)?.phase === 'Bound') return;
    const at = (obj.metadata.finalizers ?? []).indexOf(finalizer);
    const ref = claim ? { ...PVCS, namespace: obj.metadata.namespace, name: obj.metadata.name } : { ...PVS, name: obj.metadata.name };
    try {
      await this.client.patch(ref, 'json', [
        { op: 'test', path: `/metadata/finalizers/${at}`, value: finalizer },
        { op: 'remove', path: `/metadata/finalizers/${at}` },
      ]);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
}

export const storageProtectionDescriptor: ControllerDescriptor = {
  name: 'storage-protection',
  create: (ctx: ControllerContext) => {
    const c = new StorageProtectionController(ctx.client, ctx.informer(PVCS), ctx.informer(PVS), ctx.informer(PODS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
