/**
 * One replica of a leader-elected control-plane component (kube-controller-manager, kube-scheduler): a process
 * that contends for its Lease in kube-system and runs the component's work only while leading, with every write
 * of that work fenced on the lease. Losing the lease ends the work, as the upstream components exit on
 * OnStoppedLeading; the replica then comes back as a new process (a new identity) and contends again, as the
 * kubelet restarts a static pod. `kill()` is the Fault: the process is gone until `restart()`.
 */
import type { ApiHandler, UserInfo } from '../apiserver/handler-types';
import { newUid } from '../apiserver/registry/object-identity';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import { ApiClient } from '../client/api-client';
import { fencedHandler } from '../client/leader-election/fenced-handler';
import { LeaderElector } from '../client/leader-election/leader-elector';
import type { LeaderElectedTarget } from '../lab/fault-controller';

/** What the component runs once leading; made fresh for every term (new caches, new queues). */
export interface ReplicaWork {
  start(): Promise<void>;
  dispose(): void;
}

export interface ElectedReplicaOptions {
  server: ApiHandler;
  user: UserInfo;
  userAgent: string;
  clock: Clock;
  logger: Logger;
  /** The machine it runs on, the first half of its identity. */
  hostname: string;
  lease: { namespace: string; name: string };
  eventComponent: string;
  /** Builds the term's work over a client whose writes are fenced on this replica's lease. */
  createWork(client: ApiClient, hostname: string): ReplicaWork;
}

export type ReplicaState = 'candidate' | 'leading' | 'killed';

export class ElectedReplica implements Disposable {
  private elector: LeaderElector | undefined;
  private work: ReplicaWork | undefined;
  private currentIdentity = '';
  private killed = false;

  constructor(private readonly opts: ElectedReplicaOptions) {}

  get identity(): string {
    return this.currentIdentity;
  }

  get hostname(): string {
    return this.opts.hostname;
  }

  get state(): ReplicaState {
    if (this.killed) return 'killed';
    return this.elector?.isLeader() ? 'leading' : 'candidate';
  }

  /** The running term's work, while leading. */
  get activeWork(): ReplicaWork | undefined {
    return this.work;
  }

  /**
   * Starts the process: a new identity contending for the lease. Resolves after the first attempt: once the term's
   * work has started when it won the lease, at once when another holder still has it.
   */
  async start(): Promise<void> {
    this.killed = false;
    this.currentIdentity = `${this.opts.hostname}_${newUid(this.opts.clock.random)}`;
    const identity = this.currentIdentity;
    const electorClient = new ApiClient(this.opts.server, this.opts.user, this.opts.userAgent);
    const elector = new LeaderElector({
      client: electorClient,
      clock: this.opts.clock,
      logger: this.opts.logger.child(`${this.opts.lease.name}/${this.opts.hostname}`),
      lease: this.opts.lease,
      identity,
      eventComponent: this.opts.eventComponent,
    });
    this.elector = elector;
    let termStarted: Promise<void> = Promise.resolve();
    elector.onStartedLeading(() => {
      const fenced = fencedHandler(this.opts.server, () => elector.mayAct(), () => identity);
      const work = this.opts.createWork(new ApiClient(fenced, this.opts.user, this.opts.userAgent), this.opts.hostname);
      this.work = work;
      termStarted = work.start();
    });
    elector.onStoppedLeading(() => {
      // Upstream: "leaderelection lost" and the process exits; its replacement contends under a new identity.
      this.stopProcess();
      void this.start();
    });
    if (await elector.run()) await termStarted;
  }

  /** The process dies: no more renewals (the lease expires on its own), no more work. */
  kill(): void {
    this.stopProcess();
    this.killed = true;
  }

  restart(): void {
    if (this.killed) void this.start();
  }

  private stopProcess(): void {
    this.work?.dispose();
    this.work = undefined;
    this.elector?.dispose();
    this.elector = undefined;
  }

  dispose(): void {
    this.stopProcess();
    this.killed = true;
  }
}

/** kind's control-plane node names: `control-plane`, `control-plane2`, `control-plane3`. */
export function replicaHosts(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 3) throw new Error(`a control-plane component runs 1 to 3 replicas, not ${count}`);
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'control-plane' : `control-plane${i + 1}`));
}

/** The KillLeader fault's handle on one component's replicas. */
export function leaderElectedTarget(replicas: readonly ElectedReplica[]): LeaderElectedTarget | undefined {
  if (replicas.length === 0) return undefined;
  return {
    killLeader: () => {
      const leader = replicas.find((r) => r.state === 'leading');
      leader?.kill();
      return leader?.hostname;
    },
    restart: (hostname) => replicas.find((r) => r.hostname === hostname)?.restart(),
  };
}
