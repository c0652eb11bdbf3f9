/**
 * The dynamic provisioner behind the lab's default `standard` StorageClass: rancher.io/local-path, as kind ships
 * it (local-path-provisioner, an external provisioner, run here beside the controller-manager). For a claim the
 * PV controller handed to it (`volume.kubernetes.io/storage-provisioner: rancher.io/local-path`) and — the class
 * binding WaitForFirstConsumer — once the scheduler picked a node, it creates `pvc-<claim uid>`: a hostPath under
 * /var/local-path-provisioner pinned to that node, the claim's size and access modes, the class's reclaim policy,
 * pre-bound to the claim; the PV controller then binds both. A Released volume it made with reclaim policy Delete
 * is deleted. Events on the claim: Provisioning, ProvisioningSucceeded.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, PVCS, PVS, STORAGE_CLASSES } from './persistent-volume-binder-controller';
import { claimClassOf } from './volume/volume-matching';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const SELECTED_NODE = 'local.path.provisioner/selected-node';
const BASE_PATH = '/var/local-path-provisioner';

export class LocalPathProvisioner implements Reconciler {
  readonly name = 'local-path-provisioner';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly claims: Informer,
    private readonly volumes: Informer,
    private readonly classes: Informer,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, `${LOCAL_PATH_PROVISIONER}_local-path-provisioner`);
    claims.addHandlers({ onAdd: (c) => this.loop.queue.add(`claim:${objectKey(c)}`), onUpdate: (_o, c) => this.loop.queue.add(`claim:${objectKey(c)}`) });
    volumes.addHandlers({ onUpdate: (_o, v) => this.loop.queue.add(`volume:${v.metadata?.name}`) });
  }

  async reconcile(key: string): Promise<void> {
    const id = key.slice(key.indexOf(':') + 1);
    if (key.startsWith('volume:')) return this.reclaim(id);
    const pvc = this.claims.get(id);
    if (!pvc || pvc.metadata?.deletionTimestamp) return;
    const spec = (pvc['spec'] ?? {}) as { volumeName?: string; accessModes?: string[]; volumeMode?: string; resources?: { requests?: { storage?: string } } };
    if (spec.volumeName || pvc.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return;
    const klass = this.classes.get(claimClassOf(pvc)) as (KubeObject & { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string }) | undefined;
    if (klass?.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const node = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (!node) return; // local volumes need a node: the class binds WaitForFirstConsumer
    const name = `pvc-${pvc.metadata?.uid}`;
    if (this.volumes.get(name)) return;
    const ns = pvc.metadata?.namespace ?? '';
    void this.recorder.event(referenceTo(pvc), 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata?.name}"`);
    try {
      await this.client.create(PVS, {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name, annotations: { [SELECTED_NODE]: node, [PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
        spec: {
          accessModes: spec.accessModes ?? ['ReadWriteOnce'],
          capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata?.name, namespace: ns, resourceVersion: pvc.metadata?.resourceVersion, uid: pvc.metadata?.uid },
          hostPath: { path: `${BASE_PATH}/${name}_${ns}_${pvc.metadata?.name}`, type: 'DirectoryOrCreate' },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
          persistentVolumeReclaimPolicy: klass.reclaimPolicy ?? 'Delete',
          storageClassName: klass.metadata?.name,
          volumeMode: spec.volumeMode ?? 'Filesystem',
        },
      });
    } catch (err) {
      if ((err as { code?: number }).code === 409) return;
      void this.recorder.event(referenceTo(pvc), 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${klass.metadata?.name}": ${(err as Error).message}`);
      throw err;
    }
    void this.recorder.event(referenceTo(pvc), 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  /** The Delete reclaim policy for volumes this provisioner made. */
  private async reclaim(name: string): Promise<void> {
    const pv = this.volumes.get(name);
    if (!pv || pv.metadata?.deletionTimestamp) return;
    const released = (pv['status'] as { phase?: string } | undefined)?.phase === 'Released';
    const policy = (pv['spec'] as { persistentVolumeReclaimPolicy?: string } | undefined)?.persistentVolumeReclaimPolicy;
    if (!released || policy !== 'Delete' || pv.metadata?.annotations?.[PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
    try {
      await this.client.delete({ ...PVS, name });
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
}

export const localPathProvisionerDescriptor: ControllerDescriptor = {
  name: 'local-path-provisioner',
  create: (ctx: ControllerContext) => {
    const c = new LocalPathProvisioner(ctx.client, ctx.informer(PVCS), ctx.informer(PVS), ctx.informer(STORAGE_CLASSES), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
