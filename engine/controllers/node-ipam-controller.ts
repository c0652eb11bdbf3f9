/**
 * The node IPAM controller with the RangeAllocator (pkg/controller/nodeipam, --allocate-node-cidrs): every Node
 * without spec.podCIDRs gets the next free /24 (--node-cidr-mask-size 24) of the cluster CIDR 10.244.0.0/16
 * (--cluster-cidr), written to spec.podCIDR and spec.podCIDRs; CIDRs nodes already carry are occupied at start,
 * a deleted node's CIDR is released. Exhaustion records `CIDRNotAvailable`, a failed write `CIDRAssignmentFailed`
 * (both as node status-change events of the `cidrAllocator` component).
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { CidrSet } from './node/cidr-set';
import { recordNodeStatusChange } from './node/node-events';

export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
export const DEFAULT_NODE_CIDR_MASK_SIZE = 24;

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

function podCidrs(node: KubeObject): string[] {
  const spec = node.spec as { podCIDR?: string; podCIDRs?: string[] } | undefined;
  return spec?.podCIDRs ?? (spec?.podCIDR ? [spec.podCIDR] : []);
}

export class NodeIpamController implements Reconciler {
  readonly name = 'node-ipam-controller';
  readonly loop: ControllerLoop;
  private readonly cidrs: CidrSet;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly nodes: Informer,
    clock: Clock,
    private readonly logger: Logger,
    opts: { clusterCidr?: string; nodeCidrMaskSize?: number } = {},
  ) {
    this.cidrs = new CidrSet(opts.clusterCidr ?? DEFAULT_CLUSTER_CIDR, opts.nodeCidrMaskSize ?? DEFAULT_NODE_CIDR_MASK_SIZE);
    this.recorder = new LegacyEventRecorder(client, clock, 'cidrAllocator');
    this.loop = new ControllerLoop(this, clock, logger);
    const enqueue = (n: KubeObject) => this.loop.queue.add(n.metadata?.name ?? '');
    nodes.addHandlers({
      onAdd: enqueue,
      onUpdate: (_o, n) => enqueue(n),
      onDelete: (n) => {
        for (const c of podCidrs(n)) this.cidrs.release(c);
      },
    });
  }

  /** Call once the node informer has synced: occupies the CIDRs existing nodes hold, then starts the workers. */
  start(): void {
    for (const node of this.nodes.list()) for (const c of podCidrs(node)) this.occupy(node, c);
    this.loop.start();
  }

  private occupy(node: KubeObject, cidr: string): void {
    if (!this.cidrs.occupy(cidr)) this.logger.warn('node CIDR is outside the cluster CIDR; not tracked', { node: node.metadata?.name, cidr });
  }

  async reconcile(name: string): Promise<void> {
    const node = this.nodes.get(name);
    if (!node) return;
    if (node.metadata?.deletionTimestamp) {
      for (const c of podCidrs(node)) this.cidrs.release(c);
      return;
    }
    const existing = podCidrs(node);
    if (existing.length > 0) {
      for (const c of existing) this.occupy(node, c);
      return;
    }
    const cidr = this.cidrs.allocateNext();
    if (cidr instanceof Error) {
      await recordNodeStatusChange(this.recorder, node, 'CIDRNotAvailable');
      throw new Error(`failed to allocate cidr from cluster cidr at idx:0: ${cidr.message}`);
    }
    try {
      await this.client.patch({ ...NODES, name }, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
    } catch (err) {
      this.cidrs.release(cidr);
      if ((err as { code?: number }).code === 404) return;
      await recordNodeStatusChange(this.recorder, node, 'CIDRAssignmentFailed');
      throw err;
    }
  }
}
