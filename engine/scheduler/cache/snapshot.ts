/**
 * The per-cycle view plugins read (internal/cache.Snapshot). It owns its NodeInfo copies; the cache refreshes
 * only the ones whose generation changed, in place, so the node list keeps stable references and a cycle costs
 * no O(nodes) copying. The lists are rebuilt only when the node set or affinity membership changed.
 */
import type { KubeObject } from '../../api/objects';
import type { NodeInfo, Snapshot } from '../framework/interface';
import type { MutableNodeInfo } from '../framework/node-info';

export type SnapshotObjectKind = Parameters<Snapshot['objects']>[0];

/** Where the snapshot reads objects the cache does not track (informer listers). */
export interface SnapshotObjectSource {
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  objects(kind: SnapshotObjectKind): readonly KubeObject[];
}

const NO_OBJECTS: SnapshotObjectSource = { namespaceLabels: () => undefined, objects: () => [] };

export class SchedulerSnapshot implements Snapshot {
  /** Node name → this snapshot's copy. */
  readonly byName = new Map<string, MutableNodeInfo>();
  nodeList: MutableNodeInfo[] = [];
  withAffinity: MutableNodeInfo[] = [];
  withRequiredAntiAffinity: MutableNodeInfo[] = [];

  constructor(private readonly source: SnapshotObjectSource = NO_OBJECTS) {}

  list(): readonly NodeInfo[] {
    return this.nodeList;
  }
  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }
  havePodsWithAffinity(): readonly NodeInfo[] {
    return this.withAffinity;
  }
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return this.withRequiredAntiAffinity;
  }
  namespaceLabels(namespace: string): Record<string, string> | undefined {
    return this.source.namespaceLabels(namespace);
  }
  objects(kind: SnapshotObjectKind): readonly KubeObject[] {
    return this.source.objects(kind);
  }
}
