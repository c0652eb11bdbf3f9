/**
 * The garbage collector (pkg/controller/garbagecollector), level-based over an ownership graph built from
 * informers on every deletable resource:
 * - an owner deleted with propagationPolicy=Orphan carries the `orphan` finalizer: its dependents lose their
 *   ownerReference to it, then the finalizer is removed;
 * - Foreground carries `foregroundDeletion`: dependents are deleted (foreground too), and once none remain
 *   the finalizer is removed and the owner goes;
 * - Background (the owner is simply gone): a dependent whose owners are all gone is deleted; one with some live
 *   owner left just keeps waiting for them.
 */
import type { KubeObject, OwnerReference } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Event } from '../base/event';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

interface Node {
  ref: ResourceRef;
  obj: KubeObject;
}

export interface ResourceResolver {
  /** Every resource the collector should watch (list + watch + delete), at preferred versions. */
  deletableResources(): Array<ResourceRef & { namespaced: boolean }>;
  /** The resource for an ownerReference's apiVersion/kind. */
  resourceFor(apiVersion: string, kind: string): (ResourceRef & { namespaced: boolean }) | undefined;
  onDidChange: Event<void>;
}

export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';
  readonly loop: ControllerLoop;
  private informers = new Map<string, Informer>();
  /** uid → object, across all resources. */
  private byUid = new Map<string, Node>();
  /** owner uid → dependent uids. */
  private dependents = new Map<string, Set<string>>();

  constructor(
    private readonly client: ApiClient,
    private readonly resolver: ResourceResolver,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
  }

  async start(): Promise<void> {
    this.resolver.onDidChange(() => void this.syncInformers());
    await this.syncInformers();
    this.loop.start();
  }

  private async syncInformers(): Promise<void> {
    const starts: Promise<void>[] = [];
    for (const ref of this.resolver.deletableResources()) {
      const key = `${ref.group}/${ref.version}/${ref.resource}`;
      if (this.informers.has(key)) continue;
      const informer = new Informer(this.client, ref, this.clock);
      informer.addHandlers({
        onAdd: (o) => this.observe(ref, o),
        onUpdate: (_old, o) => this.observe(ref, o),
        onDelete: (o) => this.forget(o),
      });
      this.informers.set(key, informer);
      starts.push(informer.start());
    }
    await Promise.all(starts);
  }

  private observe(ref: ResourceRef, obj: KubeObject): void {
    const uid = obj.metadata?.uid ?? '';
    const previous = this.byUid.get(uid);
    for (const o of previous?.obj.metadata?.ownerReferences ?? []) this.dependents.get(o.uid)?.delete(uid);
    this.byUid.set(uid, { ref: { ...ref, namespace: obj.metadata?.namespace }, obj });
    for (const o of obj.metadata?.ownerReferences ?? []) {
      if (!this.dependents.has(o.uid)) this.dependents.set(o.uid, new Set());
      this.dependents.get(o.uid)?.add(uid);
    }
    const finalizers = obj.metadata?.finalizers ?? [];
    if (obj.metadata?.deletionTimestamp && (finalizers.includes(ORPHAN) || finalizers.includes(FOREGROUND))) this.loop.queue.add(uid);
    // A dependent whose owner is not (yet) known is checked too: its owner may already be gone.
    if ((obj.metadata?.ownerReferences ?? []).some((o) => !this.byUid.has(o.uid))) this.loop.queue.add(uid);
  }

  private forget(obj: KubeObject): void {
    const uid = obj.metadata?.uid ?? '';
    this.byUid.delete(uid);
    for (const o of obj.metadata?.ownerReferences ?? []) {
      this.dependents.get(o.uid)?.delete(uid);
      // An owner waiting in foreground deletion may now be free to go.
      this.loop.queue.add(o.uid);
    }
    for (const dep of this.dependents.get(uid) ?? []) this.loop.queue.add(dep);
  }

  private refOf(node: Node): ResourceRef {
    return { ...node.ref, name: node.obj.metadata?.name };
  }

  async reconcile(uid: string): Promise<void> {
    const node = this.byUid.get(uid);
    if (!node) return;
    const meta = node.obj.metadata ?? {};
    const finalizers = meta.finalizers ?? [];
    if (meta.deletionTimestamp && finalizers.includes(ORPHAN)) return this.orphanDependents(node);
    if (meta.deletionTimestamp && finalizers.includes(FOREGROUND)) return this.deleteDependentsInForeground(node);
    return this.collectIfOrphaned(node);
  }

  private async orphanDependents(owner: Node): Promise<void> {
    const uid = owner.obj.metadata?.uid ?? '';
    for (const depUid of [...(this.dependents.get(uid) ?? [])]) {
      const dep = this.byUid.get(depUid);
      if (!dep) continue;
      const refs = (dep.obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
      await this.ignoreNotFound(this.client.patch(this.refOf(dep), 'merge', { metadata: { ownerReferences: refs.length > 0 ? refs : null, uid: dep.obj.metadata?.uid } }));
    }
    await this.removeFinalizer(owner, ORPHAN);
  }

  private async deleteDependentsInForeground(owner: Node): Promise<void> {
    const uid = owner.obj.metadata?.uid ?? '';
    const deps = [...(this.dependents.get(uid) ?? [])].map((d) => this.byUid.get(d)).filter((d): d is Node => d !== undefined);
    const blocking = deps.filter((d) => (d.obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
    for (const dep of deps) {
      if (dep.obj.metadata?.deletionTimestamp) continue;
      await this.ignoreNotFound(this.client.delete(this.refOf(dep), { propagationPolicy: 'Foreground', preconditions: { uid: dep.obj.metadata?.uid } }));
    }
    if (blocking.length === 0) await this.removeFinalizer(owner, FOREGROUND);
  }

  /** Background cascade: delete a dependent once none of its owners exists any more. */
  private async collectIfOrphaned(dep: Node): Promise<void> {
    const owners = dep.obj.metadata?.ownerReferences ?? [];
    if (owners.length === 0 || dep.obj.metadata?.deletionTimestamp) return;
    const live: OwnerReference[] = [];
    for (const o of owners) if (await this.ownerExists(o, dep.obj.metadata?.namespace)) live.push(o);
    if (live.length === owners.length) return;
    if (live.length > 0) {
      // Some owners remain: drop only the dangling references, as upstream does.
      await this.ignoreNotFound(this.client.patch(this.refOf(dep), 'merge', { metadata: { ownerReferences: live, uid: dep.obj.metadata?.uid } }));
      return;
    }
    // If every owner is waiting for foreground deletion of its dependents, this one goes in foreground too.
    await this.ignoreNotFound(this.client.delete(this.refOf(dep), { propagationPolicy: 'Background', preconditions: { uid: dep.obj.metadata?.uid } }));
  }

  /** Cache first; a miss is confirmed against the API server (the owner may not be observed yet). */
  private async ownerExists(owner: OwnerReference, namespace: string | undefined): Promise<boolean> {
    if (this.byUid.has(owner.uid)) return true;
    const res = this.resolver.resourceFor(owner.apiVersion, owner.kind);
    if (!res) return false;
    try {
      const live = await this.client.get({ ...res, namespace: res.namespaced ? namespace : undefined, name: owner.name });
      return live.metadata?.uid === owner.uid;
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }

  private async removeFinalizer(node: Node, finalizer: string): Promise<void> {
    const finalizers = (node.obj.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    await this.ignoreNotFound(
      this.client.patch(this.refOf(node), 'merge', { metadata: { finalizers: finalizers.length > 0 ? finalizers : null, resourceVersion: node.obj.metadata?.resourceVersion } }),
    );
  }

  private async ignoreNotFound(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }

  dispose(): void {
    this.loop.dispose();
    for (const i of this.informers.values()) i.dispose();
  }
}
