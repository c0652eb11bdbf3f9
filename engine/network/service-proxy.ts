/**
 * kube-proxy's choice of backend for a connection to a Service's ClusterIP:port, per proxy mode:
 * - iptables: the KUBE-SVC chain's rules in order, each `-m statistic --mode random --probability 1/(n-i)` — 1/n each;
 * - ipvs: round robin (`rr`, ipvsadm's default scheduler in kube-proxy);
 * - userspace: round robin, strictly rotating.
 * sessionAffinity ClientIP pins a client IP to its first backend for timeoutSeconds (default 10800).
 */
import type { Random } from '../base/clock';

export type ProxyMode = 'iptables' | 'ipvs' | 'userspace';

export interface Backend {
  ip: string;
  port: number;
}

export const DEFAULT_AFFINITY_SECONDS = 10_800;

export class ServiceProxy {
  private readonly next = new Map<string, number>();
  private readonly affinity = new Map<string, { backend: Backend; until: number }>();

  constructor(
    private readonly mode: ProxyMode,
    private readonly random: Random,
  ) {}

  /** The backend for a connection from `clientIp` to service port `key`, or undefined (no ready endpoints: REJECT). */
  pick(key: string, backends: readonly Backend[], clientIp: string, now: number, affinitySeconds: number | undefined): Backend | undefined {
    if (backends.length === 0) return undefined;
    if (affinitySeconds !== undefined) {
      const pinned = this.affinity.get(`${key}|${clientIp}`);
      if (pinned && pinned.until > now && backends.some((b) => b.ip === pinned.backend.ip && b.port === pinned.backend.port)) {
        pinned.until = now + affinitySeconds * 1000;
        return pinned.backend;
      }
    }
    let chosen: Backend;
    if (this.mode === 'iptables') {
      chosen = backends[this.walkStatisticRules(backends.length)]!;
    } else {
      const i = (this.next.get(key) ?? 0) % backends.length;
      this.next.set(key, i + 1);
      chosen = backends[i]!;
    }
    if (affinitySeconds !== undefined) this.affinity.set(`${key}|${clientIp}`, { backend: chosen, until: now + affinitySeconds * 1000 });
    return chosen;
  }

  /**
   * The KUBE-SVC chain as the kernel walks it (proxy-rules/iptables-rules.ts renders the same chain): rule i
   * matches with probability 1/(n-i) (`-m statistic --mode random`), the last rule always — each endpoint 1/n.
   */
  private walkStatisticRules(n: number): number {
    for (let i = 0; i < n - 1; i++) if (this.random.next() < 1 / (n - i)) return i;
    return n - 1;
  }
}
