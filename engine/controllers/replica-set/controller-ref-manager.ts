/**
 * BaseControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go): a controller claims the
 * objects its selector matches. An orphan that matches is adopted (a ControllerRef is patched on); one it owns
 * that no longer matches is released (its ControllerRef is patched off); objects another controller owns are
 * left alone. Adoption first re-reads the owner uncached (canAdopt) so a just-deleted or recreated owner never
 * adopts. Patches are strategic merge patches that also carry the object's UID as a precondition.
 */
import type { KubeObject, OwnerReference } from '../../api/objects';
import type { ApiClient, ResourceRef } from '../../client/api-client';

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef with the controller's own GroupVersionKind (list items need not carry theirs). */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The HTTP code of an API error (StatusError.code); undefined for anything else. */
function statusCode(err: unknown): number | undefined {
  return (err as { code?: number } | undefined)?.code;
}

export class ControllerRefManager {
  private adoptionChecked: Promise<void> | undefined;

  constructor(
    private readonly client: ApiClient,
    /** The controller object as listed (frozen). */
    private readonly owner: KubeObject,
    /** Where the claimed objects live (their resource; namespace and name are filled per object). */
    private readonly childRef: ResourceRef,
    /** The owner's apiVersion and kind, for the ControllerRef it adopts with. */
    private readonly ownerKind: { apiVersion: string; kind: string },
    private readonly matches: (obj: KubeObject) => boolean,
    /** RecheckDeletionTimestamp: throws when the owner, read fresh, is gone, replaced or being deleted. */
    private readonly canAdopt: () => Promise<void>,
  ) {}

  /** The objects this owner controls after adopting and releasing; fails on the first unexpected error. */
  async claim(objects: readonly KubeObject[]): Promise<KubeObject[]> {
    const claimed: KubeObject[] = [];
    const errors: unknown[] = [];
    for (const obj of objects) {
      try {
        if (await this.claimObject(obj)) claimed.push(obj);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw errors[0];
    return claimed;
  }

  private async claimObject(obj: KubeObject): Promise<boolean> {
    const ownerUid = this.owner.metadata?.uid;
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) return false;
      if (this.matches(obj)) return true;
      // Ours but no longer selected: release, unless we are being deleted ourselves.
      if (this.owner.metadata?.deletionTimestamp) return false;
      await this.release(obj);
      return false;
    }
    if (this.owner.metadata?.deletionTimestamp || !this.matches(obj)) return false;
    if (obj.metadata?.deletionTimestamp) return false;
    if (this.owner.metadata?.namespace && this.owner.metadata.namespace !== obj.metadata?.namespace) return false;
    await this.adopt(obj);
    return true;
  }

  private objRef(obj: KubeObject): ResourceRef {
    return { ...this.childRef, namespace: obj.metadata?.namespace, name: obj.metadata?.name };
  }

  private async adopt(obj: KubeObject): Promise<void> {
    this.adoptionChecked ??= this.canAdopt();
    await this.adoptionChecked;
    try {
      await this.client.patch(this.objRef(obj), 'strategic', {
        metadata: { ownerReferences: [newControllerRef(this.owner, this.ownerKind.apiVersion, this.ownerKind.kind)], uid: obj.metadata?.uid },
      });
    } catch (err) {
      if (statusCode(err) === 404) return;
      throw err;
    }
  }

  private async release(obj: KubeObject): Promise<void> {
    try {
      await this.client.patch(this.objRef(obj), 'strategic', {
        metadata: { ownerReferences: [{ $patch: 'delete', uid: this.owner.metadata?.uid }], uid: obj.metadata?.uid },
      });
    } catch (err) {
      // Gone, or no longer carrying our reference / a different object under the same name: nothing to release.
      const code = statusCode(err);
      if (code === 404 || code === 422) return;
      throw err;
    }
  }
}

/**
 * RecheckDeletionTimestamp over a fresh GET: the error messages are upstream's
 * ("original ReplicaSet default/web is gone: got uid …, wanted …", "… has just been deleted at …").
 */
export function recheckDeletionTimestamp(client: ApiClient, ref: ResourceRef, owner: KubeObject, kindWord: string): () => Promise<void> {
  return async () => {
    const fresh = await client.get(ref);
    const ns = owner.metadata?.namespace;
    const name = owner.metadata?.name;
    if (fresh.metadata?.uid !== owner.metadata?.uid) {
      throw new Error(`original ${kindWord} ${ns}/${name} is gone: got uid ${fresh.metadata?.uid}, wanted ${owner.metadata?.uid}`);
    }
    if (fresh.metadata?.deletionTimestamp) {
      throw new Error(`${ns}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
