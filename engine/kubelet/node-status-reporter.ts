/**
 * Registration and node status (kubelet_node_status.go): registers the Node (creating it, or adopting one that
 * exists and bringing its labels/status up to date), then every 10 s (nodeStatusUpdateFrequency) computes the
 * status and PATCHes nodes/status when it changed or 5 minutes (nodeStatusReportFrequency) have passed.
 * Condition transitions are recorded as `Node <name> status is now: <reason>` events.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ObjectReference } from '../client/event-recorder';
import type { KubeletEvents } from './gated-event-recorder';
import type { ApiGate } from './api-gate';
import type { NodeConfig } from './node-config';
import type { NodeIdentity } from './node-identity';
import { initialNode, nextConditions, nodeImages, nodeLabels, nodeStaticStatus, type NodeCondition, type NodeHealth } from './node-status';
import type { ContainerRuntime } from './runtime/container-runtime';

export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

/** The kubelet's reference to its Node in events: kind Node, name and uid both the node name, no namespace. */
export function nodeRef(nodeName: string): ObjectReference {
  return { kind: 'Node', name: nodeName, uid: nodeName } as ObjectReference;
}

export class NodeStatusReporter implements Disposable {
  private timer: Disposable | undefined;
  private node: KubeObject | undefined;
  private lastReportMs = -Infinity;
  private lastSent = '';
  private stopped = false;

  constructor(
    private readonly api: ApiGate,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly config: NodeConfig,
    private readonly identity: NodeIdentity,
    private readonly runtime: ContainerRuntime,
    private readonly recorder: KubeletEvents,
    private readonly health: () => NodeHealth,
  ) {}

  get uid(): string | undefined {
    return this.node?.metadata?.uid;
  }

  /** spec.podCIDR, once the node IPAM controller has assigned it. */
  get podCidr(): string | undefined {
    return (this.node?.['spec'] as { podCIDR?: string } | undefined)?.podCIDR || undefined;
  }

  /** Registers (retrying every 7 s like registerWithAPIServer's capped backoff) and starts the status loop. */
  async start(): Promise<void> {
    await this.register();
    this.timer = this.clock.setPeriodic(NODE_STATUS_UPDATE_FREQUENCY_MS, () => void this.sync(false));
  }

  private async register(): Promise<void> {
    for (let delay = 100; !this.stopped; delay = Math.min(delay * 2, 7_000)) {
      try {
        await this.tryRegister();
        await this.sync(true);
        return;
      } catch (err) {
        this.log.warn('Unable to register node with API server', { err: (err as Error).message });
        await new Promise<void>((resolve) => this.clock.setTimer(delay, resolve));
      }
    }
  }

  private async tryRegister(): Promise<void> {
    try {
      this.node = await this.api.create(NODES, initialNode(this.config));
      this.log.info('Successfully registered node', { node: this.config.name });
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
      // The Node exists (a restarted kubelet, or pre-created): reconcile our labels onto it (reconcileExtendedResource/updateDefaultLabels).
      const existing = await this.api.get({ ...NODES, name: this.config.name });
      const labels = { ...(existing.metadata?.labels ?? {}), ...nodeLabels(this.config) };
      this.node = await this.api.patch({ ...NODES, name: this.config.name }, 'merge', { metadata: { labels } });
    }
  }

  /** Re-reads the Node (podCIDR may have been assigned meanwhile). */
  async refresh(): Promise<void> {
    this.node = await this.api.get({ ...NODES, name: this.config.name });
  }

  /** One tick of the status loop; `force` posts even if nothing changed. */
  async sync(force: boolean): Promise<void> {
    if (this.stopped || !this.api.open) return;
    await this.refresh();
    const previous = ((this.node?.['status'] as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) as NodeCondition[];
    const now = this.clock.now();
    const { conditions, transitions } = nextConditions(previous, this.health(), now);
    const status = { ...nodeStaticStatus(this.config, this.identity, this.runtime.version), images: nodeImages(this.runtime.listImages()) };
    const comparable = JSON.stringify({ status, conditions: conditions.map((c) => [c.type, c.status, c.reason]) });
    if (!force && comparable === this.lastSent && now - this.lastReportMs < NODE_STATUS_REPORT_FREQUENCY_MS) return;
    this.node = await this.api.patch({ ...NODES, name: this.config.name, subresource: 'status' }, 'strategic', { status: { ...status, conditions } });
    this.lastSent = comparable;
    this.lastReportMs = now;
    for (const t of transitions) void this.recorder.event(nodeRef(this.config.name), 'Normal', t.eventReason, `Node ${this.config.name} status is now: ${t.eventReason}`);
  }

  dispose(): void {
    this.stopped = true;
    this.timer?.dispose();
  }
}
