/**
 * The node's heartbeat Lease (k8s.io/component-helpers/apimachinery/lease controller as the kubelet runs it):
 * kube-node-lease/<node>, holderIdentity = node name, leaseDurationSeconds 40, renewTime (MicroTime) renewed
 * every 10 s (0.25 × duration); a failed renew is retried after 200 ms doubling to 7 s, then the normal period resumes.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339Micro, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiGate } from './api-gate';

export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_INTERVAL_MS = 10_000;
const RETRY_INITIAL_MS = 200;
const RETRY_MAX_MS = 7_000;

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease' } as const;

export class NodeLease implements Disposable {
  private timer: Disposable | undefined;
  private latest: KubeObject | undefined;
  private stopped = false;

  constructor(
    private readonly api: ApiGate,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly nodeName: string,
    /** The Node's uid once known, for the Lease's ownerReference. */
    private readonly nodeUid: () => string | undefined,
  ) {}

  start(): void {
    void this.renew(RETRY_INITIAL_MS);
  }

  private schedule(delayMs: number, retryDelayMs: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimer(delayMs, () => void this.renew(retryDelayMs), { background: true });
  }

  private async renew(retryDelayMs: number): Promise<void> {
    if (this.stopped) return;
    try {
      await this.write();
      this.schedule(LEASE_RENEW_INTERVAL_MS, RETRY_INITIAL_MS);
    } catch (err) {
      this.latest = undefined;
      this.log.debug('failed to update lease', { err: (err as Error).message });
      this.schedule(retryDelayMs, Math.min(retryDelayMs * 2, RETRY_MAX_MS));
    }
  }

  private desired(base: KubeObject | undefined): KubeObject {
    const uid = this.nodeUid();
    const metadata = { ...(base?.metadata ?? { name: this.nodeName, namespace: 'kube-node-lease' }) };
    if (uid && !(metadata.ownerReferences ?? []).length) metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid }];
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata,
      spec: {
        ...((base?.['spec'] as object | undefined) ?? {}),
        holderIdentity: this.nodeName,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime: rfc3339Micro(this.clock.now()),
      },
    };
  }

  private async write(): Promise<void> {
    if (!this.latest) {
      try {
        this.latest = await this.api.get({ ...LEASES, name: this.nodeName });
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
        this.latest = await this.api.create(LEASES, this.desired(undefined));
        return;
      }
    }
    this.latest = await this.api.update({ ...LEASES, name: this.nodeName }, this.desired(this.latest));
  }

  dispose(): void {
    this.stopped = true;
    this.timer?.dispose();
  }
}
