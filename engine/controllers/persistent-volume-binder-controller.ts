/**
 * The PersistentVolume controller's binder (pkg/controller/volume/persistentvolume, 1.32), claim side and volume
 * side, as level-based syncs over informers:
 *  - an unbound claim whose class binds WaitForFirstConsumer waits (event WaitForFirstConsumer) until the
 *    scheduler names a node (`volume.kubernetes.io/selected-node`) or pre-binds a volume;
 *  - otherwise it is bound to a matching Available volume (class, access modes, volume mode, size, selector,
 *    node affinity of the selected node; the smallest that fits), or to the volume already pre-bound to it:
 *    PV.spec.claimRef and phase Bound, PVC.spec.volumeName, phase Bound, capacity and access modes, and the
 *    `pv.kubernetes.io/bind-completed` / `bound-by-controller` annotations;
 *  - with no volume and a class with a provisioner, the claim is handed to that (external) provisioner:
 *    `volume.kubernetes.io/storage-provisioner` (+ the beta key) and the ExternalProvisioning event;
 *  - a volume whose claim is gone becomes Released (its reclaim policy then applies: the provisioner deletes
 *    Delete volumes it made; Retain keeps them).
 */
import { deepCopy, type KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { claimClassOf, claimSpec, findMatchingVolume, phaseOf, volumeSpec, type ClaimSpec, type VolumeSpec } from './volume/volume-matching';

export const PVCS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const PVS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const STORAGE_CLASSES: ResourceRef = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export class PersistentVolumeBinderController implements Reconciler {
  readonly name = 'persistentvolume-binder-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly claims: Informer,
    private readonly volumes: Informer,
    private readonly classes: Informer,
    private readonly nodes: Informer,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'persistentvolume-controller');
    const claim = (o: KubeObject) => this.loop.queue.add(`claim:${objectKey(o)}`);
    const volume = (o: KubeObject) => {
      this.loop.queue.add(`volume:${o.metadata?.name}`);
      const ref = volumeSpec(o).claimRef;
      if (ref?.namespace && ref.name) this.loop.queue.add(`claim:${ref.namespace}/${ref.name}`);
    };
    claims.addHandlers({ onAdd: claim, onUpdate: (_o, n) => claim(n), onDelete: (o) => this.releaseVolumesOf(o) });
    volumes.addHandlers({ onAdd: volume, onUpdate: (_o, n) => volume(n) });
  }

  private releaseVolumesOf(claim: KubeObject): void {
    for (const pv of this.volumes.list()) if (volumeSpec(pv).claimRef?.uid === claim.metadata?.uid) this.loop.queue.add(`volume:${pv.metadata?.name}`);
  }

  async reconcile(key: string): Promise<void> {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'claim') await this.syncClaim(id);
    else await this.syncVolume(id);
  }

  private async syncClaim(key: string): Promise<void> {
    const cached = this.claims.get(key);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const pvc = deepCopy(cached);
    const spec = claimSpec(pvc);
    if (spec.volumeName) {
      const pv = this.volumes.get(spec.volumeName);
      if (!pv) {
        if (phaseOf(pvc) !== 'Lost') {
          await this.setClaimStatus(pvc, { phase: 'Lost' });
          void this.recorder.event(referenceTo(pvc), 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
        }
        return;
      }
      if (!volumeSpec(pv).claimRef || volumeSpec(pv).claimRef?.uid !== pvc.metadata?.uid) await this.bindVolume(pv, pvc);
      if (phaseOf(pvc) !== 'Bound') await this.bindClaim(pvc, pv);
      return;
    }
    const className = claimClassOf(pvc);
    const klass = className ? (this.classes.get(className) as (KubeObject & { provisioner?: string; volumeBindingMode?: string }) | undefined) : undefined;
    const selectedNode = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    const preBound = this.volumes.list().find((pv) => volumeSpec(pv).claimRef?.name === pvc.metadata?.name && volumeSpec(pv).claimRef?.namespace === pvc.metadata?.namespace && (!volumeSpec(pv).claimRef?.uid || volumeSpec(pv).claimRef?.uid === pvc.metadata?.uid));
    if (!preBound && klass?.volumeBindingMode === 'WaitForFirstConsumer' && selectedNode === undefined) {
      if (phaseOf(pvc) !== 'Pending') await this.setClaimStatus(pvc, { phase: 'Pending' });
      void this.recorder.event(referenceTo(pvc), 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    const node = selectedNode ? this.nodes.get(selectedNode) : undefined;
    const match = preBound ?? findMatchingVolume(pvc, this.volumes.list(), node);
    if (match) {
      await this.bindVolume(match, pvc);
      await this.bindClaim(pvc, match);
      return;
    }
    if (phaseOf(pvc) !== 'Pending') await this.setClaimStatus(pvc, { phase: 'Pending' });
    if (klass?.provisioner && klass.provisioner !== NO_PROVISIONER) {
      const annotations = pvc.metadata?.annotations ?? {};
      if (annotations[ANN_STORAGE_PROVISIONER] !== klass.provisioner) {
        await this.client.patch({ ...PVCS, namespace: pvc.metadata?.namespace, name: pvc.metadata?.name }, 'merge', {
          metadata: { annotations: { [ANN_BETA_STORAGE_PROVISIONER]: klass.provisioner, [ANN_STORAGE_PROVISIONER]: klass.provisioner } },
        });
      }
      void this.recorder.event(
        referenceTo(pvc),
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${klass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
      return;
    }
    void this.recorder.event(referenceTo(pvc), 'Normal', 'FailedBinding', className ? `storageclass.storage.k8s.io "${className}" not found` : 'no persistent volumes available for this claim and no storage class is set');
  }

  private async bindVolume(pv: KubeObject, pvc: KubeObject): Promise<void> {
    const ref = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata?.namespace, name: pvc.metadata?.name, uid: pvc.metadata?.uid, apiVersion: 'v1', resourceVersion: pvc.metadata?.resourceVersion };
    const next = deepCopy(pv);
    (next['spec'] as VolumeSpec).claimRef = ref;
    const annotations = (next.metadata!.annotations ??= {});
    if (!volumeSpec(pv).claimRef) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    const updated = volumeSpec(pv).claimRef?.uid === pvc.metadata?.uid ? pv : await this.client.update({ ...PVS, name: pv.metadata?.name }, next);
    if (phaseOf(updated) !== 'Bound') await this.client.update({ ...PVS, name: pv.metadata?.name, subresource: 'status' }, { ...updated, status: { ...((updated['status'] as object) ?? {}), phase: 'Bound' } });
  }

  private async bindClaim(pvc: KubeObject, pv: KubeObject): Promise<void> {
    const fresh = deepCopy(await this.client.get({ ...PVCS, namespace: pvc.metadata?.namespace, name: pvc.metadata?.name }));
    const annotations = (fresh.metadata!.annotations ??= {});
    let changed = false;
    if ((fresh['spec'] as ClaimSpec).volumeName !== pv.metadata?.name) {
      (fresh['spec'] as ClaimSpec).volumeName = pv.metadata?.name;
      annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      changed = true;
    }
    if (annotations[ANN_BIND_COMPLETED] !== 'yes') {
      annotations[ANN_BIND_COMPLETED] = 'yes';
      changed = true;
    }
    const stored = changed ? await this.client.update({ ...PVCS, namespace: fresh.metadata?.namespace, name: fresh.metadata?.name }, fresh) : fresh;
    const v = volumeSpec(pv);
    await this.setClaimStatus(stored, { phase: 'Bound', accessModes: v.accessModes, capacity: v.capacity });
  }

  private async setClaimStatus(pvc: KubeObject, status: Record<string, unknown>): Promise<void> {
    const next = { ...((pvc['status'] as object) ?? {}), ...status };
    if (JSON.stringify(next) === JSON.stringify(pvc['status'] ?? {})) return;
    await this.client.update({ ...PVCS, namespace: pvc.metadata?.namespace, name: pvc.metadata?.name, subresource: 'status' }, { ...pvc, status: next });
  }

  private async syncVolume(name: string): Promise<void> {
    const cached = this.volumes.get(name);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const ref = volumeSpec(cached).claimRef;
    let phase = 'Available';
    if (ref) {
      const claim = this.claims.get(`${ref.namespace}/${ref.name}`);
      if (claim && (!ref.uid || claim.metadata?.uid === ref.uid)) phase = claimSpec(claim).volumeName === name ? 'Bound' : (phaseOf(cached) ?? 'Available');
      else if (ref.uid) phase = 'Released';
    }
    if (phaseOf(cached) === phase) return;
    await this.client.update({ ...PVS, name, subresource: 'status' }, { ...cached, status: { ...((cached['status'] as object) ?? {}), phase } });
  }
}

export const persistentVolumeBinderDescriptor: ControllerDescriptor = {
  name: 'persistentvolume-binder',
  create: (ctx: ControllerContext) => {
    const c = new PersistentVolumeBinderController(ctx.client, ctx.informer(PVCS), ctx.informer(PVS), ctx.informer(STORAGE_CLASSES), ctx.informer(NODES), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
