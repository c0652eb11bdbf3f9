/**
 * Nominated pods (internal/queue nominator): pods that preempted victims on a node and wait for them to go.
 * Filters count them on their node (RunFilterPluginsWithNominatedPods) so others don't take the freed room.
 */
import type { PodInfo } from '../framework/interface';

export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** Records `nodeName` for the pod (replacing an earlier nomination); an empty name clears it. */
  add(info: PodInfo, nodeName: string): void {
    const uid = info.pod.metadata?.uid ?? '';
    this.delete(uid);
    if (!nodeName) return;
    this.nodeOf.set(uid, nodeName);
    const list = this.byNode.get(nodeName) ?? [];
    list.push(info);
    this.byNode.set(nodeName, list);
  }

  delete(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const rest = (this.byNode.get(node) ?? []).filter((p) => p.pod.metadata?.uid !== uid);
    if (rest.length > 0) this.byNode.set(node, rest);
    else this.byNode.delete(node);
  }

  nominatedNode(uid: string): string | undefined {
    return this.nodeOf.get(uid);
  }

  podsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? [];
  }

  get isEmpty(): boolean {
    return this.nodeOf.size === 0;
  }
}
