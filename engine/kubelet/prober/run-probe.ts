/**
 * One probe attempt (pkg/kubelet/prober/prober.go runProbe + the exec/http/tcp/grpc probers), with the
 * outputs upstream puts into `Liveness probe failed: …` events.
 */
import type { Probe } from 'kubernetes-types/core/v1';
import { ExecTimeoutError, type ContainerRuntime } from '../runtime/container-runtime';

export interface ProbeTarget {
  runtime: ContainerRuntime;
  containerId: string;
  sandboxId: string;
  podIp: string;
  /** Named container ports, for `port: http`. */
  ports: Array<{ name?: string; containerPort: number }>;
}

export interface ProbeOutcome {
  success: boolean;
  output: string;
}

function resolvePort(port: number | string | undefined, target: ProbeTarget): number {
  if (typeof port === 'number') return port;
  const named = target.ports.find((p) => p.name === port);
  if (named) return named.containerPort;
  const n = Number(port);
  return Number.isInteger(n) ? n : -1;
}

export async function runProbe(probe: Probe, target: ProbeTarget): Promise<ProbeOutcome> {
  const timeout = probe.timeoutSeconds ?? 1;
  const { runtime } = target;
  if (probe.exec) {
    const cmd = probe.exec.command ?? [];
    let res;
    try {
      res = await runtime.execSync(target.containerId, cmd, timeout);
    } catch (err) {
      // prober.go: a timed-out exec is a failure reading `command "…" timed out`; any other exec error fails
      // the probe with the runtime's message.
      if (err instanceof ExecTimeoutError) return { success: false, output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
      return { success: false, output: (err as Error).message };
    }
    const output = res.stdout + res.stderr;
    if (res.exitCode === 0) return { success: true, output };
    return { success: false, output };
  }
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(g.port, target);
    const path = g.path ?? '/';
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const host = g.host || target.podIp;
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
    for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
    const res = await runtime.httpGet(target.sandboxId, port, path, headers, timeout);
    if (res.kind === 'refused') return { success: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (res.kind === 'timeout') return { success: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (res.status >= 200 && res.status < 400) return { success: true, output: res.body };
    return { success: false, output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target);
    const host = probe.tcpSocket.host || target.podIp;
    const ok = await runtime.tcpProbe(target.sandboxId, port, timeout);
    return ok ? { success: true, output: '' } : { success: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    const health = await runtime.grpcProbe(target.sandboxId, port, probe.grpc.service ?? '', timeout);
    if (health === 'SERVING') return { success: true, output: '' };
    if (health === 'refused') return { success: false, output: `timeout: failed to connect service "${target.podIp}:${port}" within ${timeout}s: context deadline exceeded` };
    return { success: false, output: `service unhealthy (responded with "${health}")` };
  }
  return { success: false, output: 'missing probe handler' };
}
