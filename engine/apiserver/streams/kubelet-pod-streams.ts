/**
 * The kubelet side of the pod streams, over the lab's in-process kubelets: what kube-apiserver reaches by
 * dialing the node's kubelet on :10250 (`/containerLogs`, `/exec`, `/attach`, `/portForward`). Errors are worded
 * as the kubelet (and containerd's streaming server behind it) word them, relayed the way the API server relays them.
 */
import type { KubeObject } from '../../api/objects';
import { toDisposable, type Disposable } from '../../base/disposable';
import type { KubeletDirectory, KubeletHandle } from '../../kubelet/kubelet-handle';
import type { ContainerRuntime, ProcessSession } from '../../kubelet/runtime/container-runtime';
import { encodeUtf8 } from '../../kubelet/runtime/utf8';
import { apiErrors, StatusError } from '../errors/status-error';
import type { ApiRequest, ApiResponse, PortForwardStream, RemoteCommandInput, RemoteCommandOutput, RemoteCommandStream } from '../handler-types';
import type { PodStreamContext, PodStreams } from '../handlers/pod-subresources';
import { logInstance } from './container-selection';
import { ByteLimit, renderLogLine } from './log-format';
import { parsePodLogOptions, type PodLogOptions } from './log-options';
import { nonZeroExitStatus, parseRemoteCommandOptions, successStatus, type RemoteCommandOptions } from './remote-command-options';
import { upgradeResponse } from './upgrade-response';
import { Utf8StreamDecoder } from './utf8-stream';

const KUBELET_PORT = 10250;

export function kubeletPodStreams(dir: KubeletDirectory): PodStreams {
  return {
    async serve(pod: KubeObject, subresource: string, req: ApiRequest, ctx: PodStreamContext): Promise<ApiResponse> {
      const nodeName = (pod['spec'] as { nodeName?: string }).nodeName ?? '';
      const handle = dir(nodeName);
      switch (subresource) {
        case 'log': {
          const opts = parsePodLogOptions(req.query, pod.metadata?.name ?? '');
          if (!handle?.reachable()) throw dialFailure(`Get ${JSON.stringify(containerLogsUrl(pod, ctx, opts))}: ${refused(ctx.nodeAddress)}`);
          return serveLog(handle, pod, ctx, opts);
        }
        case 'exec':
        case 'attach': {
          const opts = parseRemoteCommandOptions(req.query, subresource === 'exec');
          if (!handle?.reachable()) throw dialFailure(`error dialing backend: ${refused(ctx.nodeAddress)}`);
          return serveRemoteCommand(handle, pod, ctx.container, opts, subresource);
        }
        case 'portforward': {
          const ports = parsePortForwardPorts(req.query);
          if (!handle?.reachable()) throw dialFailure(`error dialing backend: ${refused(ctx.nodeAddress)}`);
          return upgradeResponse(portForwardStream(handle, pod, ports));
        }
      }
      throw apiErrors.internal(`pods/${subresource} is not served by Cluster Lab`);
    },
  };
}

function refused(address: string): string {
  return `dial tcp ${address}:${KUBELET_PORT}: connect: connection refused`;
}

/** A Go error that is not a Status, as ErrorToAPIStatus renders it: 500, no reason. */
function dialFailure(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as StatusError['status']);
}

/** The kubelet URL LogLocation builds (url.Values.Encode: keys sorted, values query-escaped). */
function containerLogsUrl(pod: KubeObject, ctx: PodStreamContext, opts: PodLogOptions): string {
  const params: Array<[string, string]> = [];
  if (opts.follow) params.push(['follow', 'true']);
  if (opts.limitBytes !== undefined) params.push(['limitBytes', String(opts.limitBytes)]);
  if (opts.previous) params.push(['previous', 'true']);
  if (opts.sinceSeconds !== undefined) params.push(['sinceSeconds', String(opts.sinceSeconds)]);
  if (opts.sinceTimeMs !== undefined) params.push(['sinceTime', new Date(opts.sinceTimeMs).toISOString().replace(/\.\d+Z$/, 'Z')]);
  if (opts.tailLines !== undefined) params.push(['tailLines', String(opts.tailLines)]);
  if (opts.timestamps) params.push(['timestamps', 'true']);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const path = `/containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}/${ctx.container}`;
  return `https://${ctx.nodeAddress}:${KUBELET_PORT}${path}${query === '' ? '' : `?${query}`}`;
}

function serveLog(handle: KubeletHandle, pod: KubeObject, ctx: PodStreamContext, opts: PodLogOptions): ApiResponse {
  const instance = logInstance(pod, ctx.container, opts.previous);
  const podName = pod.metadata?.name ?? '';
  const id = handle.containerId(pod.metadata?.uid ?? '', ctx.container, instance === 'previous');
  if (id === undefined) throw apiErrors.badRequest(`container ${JSON.stringify(ctx.container)} in pod ${JSON.stringify(podName)} is not available`);
  const runtime = handle.runtime;
  const sinceMs = opts.sinceSeconds !== undefined ? ctx.now - opts.sinceSeconds * 1000 : opts.sinceTimeMs;
  const history = runtime.logs(id, { sinceMs, tailLines: opts.tailLines });
  const limit = new ByteLimit(opts.limitBytes);
  const render = (lines: typeof history) => lines.map((l) => limit.take(renderLogLine(l, opts.timestamps))).join('');
  const following = opts.follow && runtime.containerStatus(id)?.state === 'running';
  if (!following) return { kind: 'body', status: 200, contentType: 'text/plain', body: render(history) };
  return {
    kind: 'watch',
    status: 200,
    contentType: 'text/plain',
    start(sink) {
      const first = render(history);
      if (first !== '') sink.send(first);
      if (limit.exhausted) {
        sink.end();
        return toDisposable(() => undefined);
      }
      const lines = runtime.followLogs(id, (line) => {
        const text = limit.take(renderLogLine(line, opts.timestamps));
        if (text !== '') sink.send(text);
        if (limit.exhausted) stop();
      });
      const exits = runtime.onContainerEvent((e) => {
        if (e.containerId === id && (e.type === 'exited' || e.type === 'removed')) stop();
      });
      let stopped = false;
      function stop(): void {
        if (stopped) return;
        stopped = true;
        lines.dispose();
        exits.dispose();
        sink.end();
      }
      return toDisposable(() => {
        stopped = true;
        lines.dispose();
        exits.dispose();
      });
    },
  };
}

function serveRemoteCommand(handle: KubeletHandle, pod: KubeObject, container: string, opts: RemoteCommandOptions, verb: 'exec' | 'attach'): ApiResponse {
  const id = handle.containerId(pod.metadata?.uid ?? '', container, false);
  const runtime = handle.runtime;
  // The kubelet's findContainer looks among running containers only; its error goes back as a plain 500.
  if (id === undefined || runtime.containerStatus(id)?.state !== 'running') {
    return { kind: 'body', status: 500, contentType: 'text/plain; charset=utf-8', body: `container not found (${JSON.stringify(container)})` };
  }
  const stream: RemoteCommandStream = {
    kind: 'remotecommand',
    stdin: opts.stdin,
    stdout: opts.stdout,
    stderr: opts.stderr,
    tty: opts.tty,
    start: (io) => runSession(verb === 'exec' ? runtime.exec(id, opts.command, opts.tty) : runtime.attach(id), opts, io, (exitCode) =>
      verb === 'exec' && exitCode !== 0 ? nonZeroExitStatus(opts.command, exitCode) : successStatus(),
    ),
  };
  return upgradeResponse(stream);
}

/**
 * Pumps a runtime session to the client: stderr joins stdout under a TTY; unrequested streams are dropped.
 * A runtime may replay output and the exit of a session that already finished while we subscribe, so the
 * listeners must cope with firing before their subscriptions are returned.
 */
function runSession(session: ProcessSession, opts: RemoteCommandOptions, io: RemoteCommandOutput, finalStatus: (exitCode: number) => Record<string, unknown>): RemoteCommandInput {
  const decoder = new Utf8StreamDecoder();
  let done = false;
  const subscriptions: Disposable[] = [];
  const unsubscribe = () => {
    for (const d of subscriptions.splice(0)) d.dispose();
  };
  subscriptions.push(
    session.onOutput(({ stream, data }) => {
      if (done) return;
      const bytes = encodeUtf8(data);
      if (stream === 'stderr' && !opts.tty) {
        if (opts.stderr) io.stderr(bytes);
      } else if (opts.stdout) io.stdout(bytes);
    }),
  );
  subscriptions.push(
    session.onExit(({ exitCode }) => {
      if (done) return;
      done = true;
      io.finish(finalStatus(exitCode));
    }),
  );
  if (done) unsubscribe();
  return {
    stdin(data) {
      if (!done && opts.stdin) session.writeStdin(decoder.write(data));
    },
    closeStdin() {
      if (done || !opts.stdin) return;
      const rest = decoder.end();
      if (rest !== '') session.writeStdin(rest);
      session.closeStdin();
    },
    resize(width, height) {
      if (!done) session.resize(width, height);
    },
    close() {
      unsubscribe();
      if (done) return;
      done = true;
      session.close();
    },
  };
}

function portForwardStream(handle: KubeletHandle, pod: KubeObject, ports: number[]): PortForwardStream {
  const runtime: ContainerRuntime = handle.runtime;
  return {
    kind: 'portforward',
    ports,
    connect(port) {
      const sandbox = handle.sandboxId(pod.metadata?.uid ?? '') ?? '';
      const conn = sandbox === '' ? undefined : runtime.connect(sandbox, port);
      if (conn) return conn;
      return { error: portForwardRefused(sandbox, port) };
    },
  };
}

/**
 * PodPortForwardOptions.ports (repeated or comma-separated), each checked as the kubelet's
 * portforward.NewV4Options does.
 */
function parsePortForwardPorts(query: Record<string, string[]>): number[] {
  const out: number[] = [];
  for (const value of query['ports'] ?? []) {
    for (const text of value.split(',')) {
      const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isNaN(port) || port > 65535) {
        const why = Number.isNaN(port) ? 'invalid syntax' : 'value out of range';
        throw apiErrors.badRequest(`unable to parse ${JSON.stringify(value)} as a port: strconv.ParseUint: parsing ${JSON.stringify(text)}: ${why}`);
      }
      if (port < 1) throw apiErrors.badRequest(`port ${JSON.stringify(value)} must be > 0`);
      out.push(port);
    }
  }
  return out;
}

/**
 * The kubelet's "error forwarding port" around containerd's failure to reach the port inside the sandbox's
 * network namespace (both loopback families are tried).
 */
export function portForwardRefused(sandboxId: string, port: number): string {
  return (
    `error forwarding port ${port} to pod ${sandboxId}, uid : failed to execute portforward in network namespace ` +
    `"/var/run/netns/cni-${sandboxId.slice(0, 8)}": failed to connect to localhost:${port} inside namespace "${sandboxId}", ` +
    `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}
