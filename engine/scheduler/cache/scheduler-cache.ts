/**
 * The scheduler cache (internal/cache): NodeInfo per node from the Node and Pod informers, plus pods the
 * scheduler assumed onto a node at Reserve and has not yet seen bound. An assumed pod is confirmed when the
 * informer reports it with spec.nodeName, and forgotten when binding fails. `updateSnapshot` copies only the
 * NodeInfos changed since the last call (a dirty set instead of upstream's generation-ordered list: same effect).
 */
import type { KubeObject } from '../../api/objects';
import type { ImageStateSummary, PodInfo } from '../framework/interface';
import { MutableNodeInfo } from '../framework/node-info';
import { newPodInfo } from '../framework/pod-info';
import type { SchedulerSnapshot } from './snapshot';

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
}

/** Image references as the node lists them, plus `:latest` for untagged names (normalizedImageName). */
function imageNames(names: string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    const lastSlash = n.lastIndexOf('/');
    if (!n.includes('@') && !n.slice(lastSlash + 1).includes(':')) out.add(`${n}:latest`);
  }
  return [...out];
}

function sameImages(have: ReadonlyMap<string, ImageStateSummary>, want: ReadonlyMap<string, number>): boolean {
  if (have.size !== want.size) return false;
  for (const [n, size] of want) if (have.get(n)?.size !== size) return false;
  return true;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, MutableNodeInfo>();
  private readonly pods = new Map<string, PodState>();
  private readonly dirty = new Set<string>();
  /** Image name → the nodes that have it, and the summary every such node's imageStates shares. */
  private readonly images = new Map<string, { nodes: Set<string>; summary: ImageStateSummary }>();

  private nodeInfo(name: string): MutableNodeInfo {
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = new MutableNodeInfo(name);
      this.nodes.set(name, ni);
    }
    return ni;
  }

  private touch(name: string): void {
    this.dirty.add(name);
  }

  // ---- nodes

  addOrUpdateNode(node: KubeObject): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodeInfo(name);
    const images = (node['status'] as { images?: Array<{ names?: string[]; sizeBytes?: number }> } | undefined)?.images ?? [];
    const wanted = new Map<string, number>();
    for (const img of images) for (const n of imageNames(img.names ?? [])) wanted.set(n, img.sizeBytes ?? 0);
    if (!sameImages(ni.imageStates, wanted)) {
      // Summaries are shared by every node with the image, so a count change needs no copy of the others.
      this.dropImages(name);
      const states = new Map<string, ImageStateSummary>();
      for (const [n, size] of wanted) {
        let entry = this.images.get(n);
        if (!entry) {
          entry = { nodes: new Set(), summary: { size, numNodes: 0 } };
          this.images.set(n, entry);
        }
        entry.nodes.add(name);
        entry.summary.numNodes = entry.nodes.size;
        entry.summary.size = size;
        states.set(n, entry.summary);
      }
      ni.setNode(node, states);
    } else ni.setNode(node, ni.imageStates);
    this.touch(name);
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.dropImages(name);
    if (ni.pods.length === 0) this.nodes.delete(name);
    else ni.setNode(undefined, new Map()); // pods still reference it; the informer will delete them
    this.touch(name);
  }

  private dropImages(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    for (const imageName of ni.imageStates.keys()) {
      const entry = this.images.get(imageName);
      if (!entry || !entry.nodes.delete(name)) continue;
      entry.summary.numNodes = entry.nodes.size;
      if (entry.nodes.size === 0) this.images.delete(imageName);
    }
  }

  // ---- pods

  /** Reserve: the pod counts against `nodeName` from now on. */
  assumePod(info: PodInfo, nodeName: string): void {
    const uid = info.pod.metadata?.uid ?? '';
    if (this.pods.has(uid)) throw new Error(`pod ${info.pod.metadata?.namespace}/${info.pod.metadata?.name} is already in the cache`);
    this.pods.set(uid, { info, nodeName, assumed: true });
    this.nodeInfo(nodeName).addPod(info);
    this.touch(nodeName);
  }

  /** Binding failed (or Unreserve): undo assumePod. */
  forgetPod(uid: string): void {
    const st = this.pods.get(uid);
    if (!st || !st.assumed) return;
    this.removeFromNode(uid, st.nodeName);
    this.pods.delete(uid);
  }

  isAssumed(uid: string): boolean {
    return this.pods.get(uid)?.assumed === true;
  }

  /** The informer saw a pod bound to a node (new, updated, or confirming an assumed one). */
  addOrUpdatePod(pod: KubeObject): void {
    const uid = pod.metadata?.uid ?? '';
    const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName ?? '';
    if (!nodeName) return;
    const prev = this.pods.get(uid);
    if (prev) this.removeFromNode(uid, prev.nodeName);
    const info = newPodInfo(pod);
    this.pods.set(uid, { info, nodeName, assumed: false });
    this.nodeInfo(nodeName).addPod(info);
    this.touch(nodeName);
  }

  removePod(pod: KubeObject): void {
    const uid = pod.metadata?.uid ?? '';
    const st = this.pods.get(uid);
    if (!st) return;
    this.removeFromNode(uid, st.nodeName);
    this.pods.delete(uid);
  }

  private removeFromNode(uid: string, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (!ni) return;
    ni.removePod(uid);
    if (!ni.hasNode && ni.pods.length === 0) this.nodes.delete(nodeName);
    this.touch(nodeName);
  }

  nodeCount(): number {
    let n = 0;
    for (const ni of this.nodes.values()) if (ni.hasNode) n++;
    return n;
  }

  /** Brings `snapshot` up to date, copying only NodeInfos changed since the last call. */
  updateSnapshot(snapshot: SchedulerSnapshot): void {
    if (this.dirty.size === 0) return;
    let nodeSetChanged = false;
    let affinityChanged = false;
    for (const name of this.dirty) {
      const ni = this.nodes.get(name);
      const copy = snapshot.byName.get(name);
      if (!ni || !ni.hasNode) {
        if (copy) {
          snapshot.byName.delete(name);
          nodeSetChanged = true;
        }
        continue;
      }
      if (copy && copy.generation === ni.generation) continue;
      const hadAffinity = copy !== undefined && copy.podsWithAffinity.length > 0;
      const hadAnti = copy !== undefined && copy.podsWithRequiredAntiAffinity.length > 0;
      if (copy) copy.copyFrom(ni);
      else {
        snapshot.byName.set(name, ni.clone());
        nodeSetChanged = true;
      }
      if (hadAffinity !== ni.podsWithAffinity.length > 0 || hadAnti !== ni.podsWithRequiredAntiAffinity.length > 0) affinityChanged = true;
    }
    this.dirty.clear();
    if (nodeSetChanged) snapshot.nodeList = [...snapshot.byName.values()];
    if (nodeSetChanged || affinityChanged) {
      snapshot.withAffinity = snapshot.nodeList.filter((n) => n.podsWithAffinity.length > 0);
      snapshot.withRequiredAntiAffinity = snapshot.nodeList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    }
  }
}
