/** An in-memory AdmissionContext for plugin tests: a map of stored objects and a log of status writes. */
import { deepCopy, deepFreeze, type KubeObject } from '../../../../engine/api/objects';
import type { Random } from '../../../../engine/base/clock';
import type { AdmissionAttributes, AdmissionContext } from '../../../../engine/apiserver/admission/types';

export interface StoredRef {
  group: string;
  resource: string;
  object: KubeObject;
}

/** Returns the scripted integers in turn (then 0), so generated names are known in advance. */
export function scriptedRandom(ints: number[]): Random {
  let i = 0;
  return {
    next: () => 0,
    int: (n: number) => {
      const v = ints[i++] ?? 0;
      if (v >= n) throw new Error(`scripted ${v} out of range ${n}`);
      return v;
    },
  };
}

export class FakeAdmissionContext implements AdmissionContext {
  private readonly objects = new Map<string, KubeObject>();
  readonly statusWrites: { resource: string; namespace: string; name: string; object: KubeObject }[] = [];
  random: Random;

  constructor(
    stored: StoredRef[] = [],
    private readonly nowMs = Date.parse('2026-11-23T18:00:00Z'),
    random: Random = scriptedRandom([]),
  ) {
    this.random = random;
    for (const s of stored) this.put(s.group, s.resource, s.object);
  }

  private key(group: string, resource: string, namespace: string, name: string): string {
    return `${group}/${resource}/${namespace}/${name}`;
  }

  put(group: string, resource: string, object: KubeObject): void {
    const m = object.metadata ?? {};
    this.objects.set(this.key(group, resource, m.namespace ?? '', m.name ?? ''), deepFreeze(deepCopy(object)));
  }

  now(): number {
    return this.nowMs;
  }

  async get(group: string, resource: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    return this.objects.get(this.key(group, resource, namespace, name));
  }

  async list(group: string, resource: string, namespace?: string): Promise<KubeObject[]> {
    const prefix = namespace === undefined ? `${group}/${resource}/` : `${group}/${resource}/${namespace}/`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  }

  async updateStatus(group: string, resource: string, namespace: string, name: string, mutate: (obj: KubeObject) => KubeObject): Promise<void> {
    const current = this.objects.get(this.key(group, resource, namespace, name));
    if (current === undefined) throw new Error(`no ${resource} ${namespace}/${name}`);
    const next = mutate(current);
    this.put(group, resource, next);
    this.statusWrites.push({ resource, namespace, name, object: next });
  }
}

export const namespace = (name: string, phase = 'Active'): StoredRef => ({
  group: '',
  resource: 'namespaces',
  object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase } },
});

export const user = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

/** Attributes for a pod create in `ns`. */
export function podCreate(ns: string, pod: KubeObject, over: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  return {
    operation: 'CREATE',
    group: '',
    version: 'v1',
    kind: 'Pod',
    resource: 'pods',
    subresource: '',
    namespace: ns,
    name: pod.metadata?.name ?? '',
    object: pod,
    dryRun: false,
    user,
    ...over,
  };
}

/** Runs the thunk and returns the StatusError's status, failing the test when nothing is thrown. */
export async function rejection(run: () => unknown): Promise<{ code: number; reason?: string; message?: string; details?: unknown }> {
  try {
    await run();
  } catch (e) {
    const status = (e as { status?: { code: number; reason?: string; message?: string; details?: unknown } }).status;
    if (status === undefined) throw e;
    return status;
  }
  throw new Error('expected a rejection');
}
