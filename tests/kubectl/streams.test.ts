/**
 * Acceptance (#3 §7): the real kubectl on PATH against the lab's HTTPS endpoint for the kubelet-backed pod
 * subresources and metrics.k8s.io — logs (-f, --previous, errors), exec (env, exit codes, -it under a pty),
 * attach, port-forward with an HTTP GET through the forwarded port, cp both ways, top nodes / pods.
 * The API server is wired as the integrator wires it (`podStreams: kubeletPodStreams(dir)`, `metrics`), over a
 * fake kubelet directory (tests/unit/apiserver/streams/fake-kubelet.ts) until the lab runs real kubelets.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KubeObject } from '../../engine/api/objects';
import { createApiServer } from '../../engine/apiserver/assembly/create-api-server';
import type { ApiHandler, ApiRequest } from '../../engine/apiserver/handler-types';
import type { MetricsSource } from '../../engine/apiserver/metrics/metrics-source';
import { kubeletPodStreams } from '../../engine/apiserver/streams/kubelet-pod-streams';
import { Logger } from '../../engine/base/logger';
import { VirtualClock } from '../../engine/base/virtual-clock';
import { readOrCreateToken } from '../../engine/node/data-dir';
import { startKubeEndpoint, type KubeEndpoint } from '../../engine/node/http';
import { writeKubeconfig } from '../../engine/node/kubeconfig';
import { loadOrCreateTls } from '../../engine/node/tls';
import { MvccStore } from '../../engine/store/mvcc-store';
import { FakeRuntime, fakeDirectory, NGINX_BODY } from '../unit/apiserver/streams/fake-kubelet';

const NOW = Date.UTC(2026, 10, 23, 18, 0, 0);
const ADMIN = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

let dataDir: string;
let kubeconfig: string;
let endpoint: KubeEndpoint;
let handler: ApiHandler;
const fake = new FakeRuntime();
let kubeletUp = true;
let caPem = '';
let bearer = '';

const metrics: MetricsSource = {
  nodeMetrics: () => [{ node: 'node-1', timestamp: NOW, windowSeconds: 10.5, cpuNanoCores: 250_000_000, memoryBytes: 1024 ** 3 }],
  podMetrics: (ns) =>
    [
      { namespace: 'default', pod: 'web', timestamp: NOW, windowSeconds: 10, containers: [{ name: 'web', cpuNanoCores: 2_000_000, memoryBytes: 10 * 1024 ** 2 }] },
      {
        namespace: 'default',
        pod: 'multi',
        timestamp: NOW,
        windowSeconds: 10,
        containers: [
          { name: 'a', cpuNanoCores: 1_000_000, memoryBytes: 5 * 1024 ** 2 },
          { name: 'b', cpuNanoCores: 3_000_000, memoryBytes: 6 * 1024 ** 2 },
        ],
      },
    ].filter((m) => ns === undefined || m.namespace === ns),
};

async function call(method: ApiRequest['method'], path: string, body?: unknown): Promise<KubeObject> {
  const res = await handler.handle({ method, path, query: {}, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), user: ADMIN });
  if (res.kind !== 'body' || res.status >= 300) throw new Error(`${method} ${path}: ${res.kind === 'body' ? res.body : res.kind}`);
  return JSON.parse(res.body) as KubeObject;
}

async function createPod(name: string, containers: string[], nodeName: string | undefined, status: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { nodeName, containers: containers.map((c) => ({ name: c, image: 'nginx:1.27' })) },
  });
  await call('PUT', `/api/v1/namespaces/default/pods/${name}/status`, { ...created, status: { ...(created['status'] as object), ...status } });
  return created.metadata?.uid ?? '';
}

const running = (name: string, uid: string, restarted = false) => ({
  name,
  containerID: `containerd://${uid}-${name}`,
  image: 'docker.io/library/nginx:1.27',
  imageID: '',
  ready: true,
  restartCount: restarted ? 1 : 0,
  started: true,
  state: { running: { startedAt: '2026-11-23T17:59:00Z' } },
  lastState: restarted ? { terminated: { exitCode: 1, reason: 'Error', containerID: `containerd://${uid}-${name}-0`, startedAt: '2026-11-23T17:58:00Z', finishedAt: '2026-11-23T17:58:30Z' } } : {},
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cluster-lab-streams-'));
  const [tls, token] = await Promise.all([loadOrCreateTls(dataDir), readOrCreateToken(dataDir)]);
  const clock = new VirtualClock({ startMs: NOW, seed: 1 });
  const logger = new Logger(() => undefined, 'test', () => clock.now(), 'error');
  const dir = fakeDirectory(fake, 'node-1', { reachable: () => kubeletUp });
  const assembly = await createApiServer({ store: new MvccStore(), clock, logger, podStreams: kubeletPodStreams(dir), metrics });
  handler = assembly.server;
  await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  await call('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  for (const [name, ip] of [['node-1', '10.0.0.11'], ['node-2', '10.0.0.12']] as const) {
    const node = await call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
    await call('PUT', `/api/v1/nodes/${name}/status`, {
      ...node,
      status: { addresses: [{ type: 'InternalIP', address: ip }], allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, capacity: { cpu: '2', memory: '4Gi', pods: '110' } },
    });
  }
  const webUid = await createPod('web', ['web'], 'node-1', { phase: 'Running', containerStatuses: [running('web', '', true)] });
  // containerIDs name the uid the API server assigned; rewrite the status now that it is known
  const web = await call('GET', '/api/v1/namespaces/default/pods/web');
  await call('PUT', '/api/v1/namespaces/default/pods/web/status', { ...web, status: { ...(web['status'] as object), containerStatuses: [running('web', webUid, true)] } });
  fake.add({ id: `${webUid}-web`, podUid: webUid, name: 'web', running: true, logs: [] });
  fake.add({ id: `${webUid}-web-0`, podUid: webUid, name: 'web', running: false, logs: [{ time: NOW - 90_000, stream: 'stdout', text: 'previous instance: crashing' }] });
  for (let i = 1; i <= 3; i++) fake.log(`${webUid}-web`, `GET / 200 request ${i}`, NOW - 60_000 + i * 1500);
  const multiUid = await createPod('multi', ['a', 'b'], 'node-1', { phase: 'Running' });
  const multi = await call('GET', '/api/v1/namespaces/default/pods/multi');
  await call('PUT', '/api/v1/namespaces/default/pods/multi/status', { ...multi, status: { ...(multi['status'] as object), containerStatuses: [running('a', multiUid), running('b', multiUid)] } });
  fake.add({ id: `${multiUid}-a`, podUid: multiUid, name: 'a', running: true, logs: [{ time: NOW, stream: 'stdout', text: 'from a' }] });
  fake.add({ id: `${multiUid}-b`, podUid: multiUid, name: 'b', running: true, logs: [{ time: NOW, stream: 'stdout', text: 'from b' }] });
  await createPod('pending', ['c'], 'node-1', {
    phase: 'Pending',
    containerStatuses: [{ name: 'c', image: 'nginx:1.27', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }],
  });
  await createPod('far', ['far'], 'node-2', { phase: 'Running' });
  caPem = tls.caPem;
  bearer = token;
  endpoint = await startKubeEndpoint({ handler, host: '127.0.0.1', port: 0, tls: { key: tls.key, cert: tls.cert }, token });
  kubeconfig = await writeKubeconfig(dataDir, { server: `https://127.0.0.1:${endpoint.port}`, caPem: tls.caPem, token });
}, 60_000);

afterAll(async () => {
  await endpoint?.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs kubectl with its stdin fed from `input` (or closed at once). */
function run(args: string[], opts: { input?: string | Buffer; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: { ...process.env, KUBECONFIG: '', HOME: dataDir, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** Starts kubectl and resolves once `ready` matches its stdout; the caller kills it. */
function start(args: string[], ready: RegExp): Promise<{ match: RegExpExecArray; output: () => string; errors: () => string; exited: Promise<number | null>; kill: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: { ...process.env, KUBECONFIG: '', HOME: dataDir } });
    let out = '';
    let err = '';
    const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready}: stdout=${out} stderr=${err}`));
    }, 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ match: m, output: () => out, errors: () => err, exited: closed, kill: async () => { child.kill('SIGTERM'); await closed; } });
      }
    });
  });
}

const rows = (text: string) => text.trim().split('\n').map((l) => l.trim().split(/\s+/));

describe('kubectl logs', () => {
  it('prints the current container log, with timestamps and tail', async () => {
    expect(await run(['logs', 'web'])).toEqual({ stdout: 'GET / 200 request 1\nGET / 200 request 2\nGET / 200 request 3\n', stderr: '', code: 0 });
    const r = await run(['logs', 'web', '--timestamps', '--tail=1']);
    expect(r.stdout).toBe('2026-11-23T17:59:04.5Z GET / 200 request 3\n');
    expect((await run(['logs', 'web', '--limit-bytes=10'])).stdout).toBe('GET / 200 ');
  });

  it('--previous reads the last terminated instance', async () => {
    expect((await run(['logs', 'web', '--previous'])).stdout).toBe('previous instance: crashing\n');
    const r = await run(['logs', 'multi', '-c', 'a', '--previous']);
    expect(r.stderr).toBe('Error from server (BadRequest): previous terminated container "a" in pod "multi" not found\n');
    expect(r.code).toBe(1);
  });

  it("answers the API server's and the kubelet's errors", async () => {
    // kubectl checks -c against the pod itself (same words as the API server's validateContainer).
    expect((await run(['logs', 'multi', '-c', 'x'])).stderr).toBe('error: container x is not valid for pod multi\n');
    expect((await run(['logs', 'pending'])).stderr).toBe('Error from server (BadRequest): container "c" in pod "pending" is waiting to start: ContainerCreating\n');
    expect((await run(['logs', 'far'])).stderr).toBe(
      'Error from server: Get "https://10.0.0.12:10250/containerLogs/default/far/far": dial tcp 10.0.0.12:10250: connect: connection refused\n',
    );
  });

  it('a stopped kubelet on a known node is a dial error to its InternalIP', async () => {
    kubeletUp = false;
    try {
      expect((await run(['logs', 'web'])).stderr).toBe(
        'Error from server: Get "https://10.0.0.11:10250/containerLogs/default/web/web": dial tcp 10.0.0.11:10250: connect: connection refused\n',
      );
    } finally {
      kubeletUp = true;
    }
  });

  it('-f ends when the container exits', async () => {
    const uid = (await call('GET', '/api/v1/namespaces/default/pods/multi')).metadata?.uid ?? '';
    // The history arrives on the same subscription that follows, so once it is printed new lines are seen.
    const follow = await start(['logs', '-f', 'multi', '-c', 'b'], /from b\n/);
    fake.log(`${uid}-b`, 'last words', NOW);
    fake.events.fire({ containerId: `${uid}-b`, podUid: uid, type: 'exited' });
    expect(await follow.exited).toBe(0);
    expect(follow.output()).toBe('from b\nlast words\n');
    expect(follow.errors()).toBe('');
  });

  it('-f streams new lines until killed', async () => {
    const uid = (await call('GET', '/api/v1/namespaces/default/pods/web')).metadata?.uid ?? '';
    const follow = await start(['logs', '-f', 'web', '--tail=1'], /request 3\n/);
    fake.log(`${uid}-web`, 'GET /healthz 200', NOW);
    fake.log(`${uid}-web`, 'GET /api 404', NOW);
    await new Promise((r) => setTimeout(r, 300));
    await follow.kill();
    expect(follow.output()).toBe('GET / 200 request 3\nGET /healthz 200\nGET /api 404\n');
  });
});

describe('kubectl exec / attach', () => {
  it('exec -- env prints the command output over WebSocket', async () => {
    expect(await run(['exec', 'web', '--', 'env'])).toEqual({
      stdout: 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web\n',
      stderr: '',
      code: 0,
    });
  });

  it('uses WebSocket v5.channel.k8s.io without falling back to SPDY', async () => {
    const r = await run(['exec', 'web', '-v=7', '--', 'env']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Response Status: 101 Switching Protocols');
    expect(r.stderr).toContain('The subprotocol is v5.channel.k8s.io');
    expect(r.stderr).not.toContain('fallback');
  });

  it('a non-zero exit reaches kubectl as its exit code', async () => {
    const r = await run(['exec', 'web', '--', 'sh', '-c', 'exit 3']);
    expect(r).toEqual({ stdout: '', stderr: 'bye\ncommand terminated with exit code 3\n', code: 3 });
  });

  it('a session that already ended when subscribed still reports its output and exit code', async () => {
    expect(await run(['exec', 'web', '--', 'already-done'])).toEqual({ stdout: 'done before anyone listened\n', stderr: 'command terminated with exit code 2\n', code: 2 });
    expect(await run(['exec', 'web', '--', 'already-done'], { env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } })).toEqual({
      stdout: 'done before anyone listened\n',
      stderr: 'command terminated with exit code 2\n',
      code: 2,
    });
  });

  it('exec -i passes stdin through and closes it at EOF (v5 close channel)', async () => {
    const r = await run(['exec', '-i', 'web', '--', 'sh'], { input: 'hello\nworld\n' });
    expect(r).toEqual({ stdout: 'you said: hello\nyou said: world\n', stderr: '', code: 0 });
  });

  it('exec -it runs under a pty with terminal size', async () => {
    const cmd = `kubectl --kubeconfig ${kubeconfig} exec -it web -- sh`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, KUBECONFIG: '', HOME: dataDir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await new Promise((r) => setTimeout(r, 1500));
    child.stdin.write('tty works\r');
    await new Promise((r) => setTimeout(r, 500));
    child.stdin.write('exit\r');
    const code = await Promise.race([closed, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') child.kill('SIGKILL');
    expect(out).toContain('you said: tty works');
    expect(code).toBe(0);
    expect(fake.resizes.length).toBeGreaterThan(0);
  });

  it('exec into a container that is not running fails as the kubelet does', async () => {
    const r = await run(['exec', 'pending', '--', 'env']);
    expect(r.stderr).toBe('error: unable to upgrade connection: container not found ("c")\n');
  });

  it('exec on an unreachable kubelet is a dial error', async () => {
    const r = await run(['exec', 'far', '--', 'env']);
    expect(r.stderr).toBe('Error from server: error dialing backend: dial tcp 10.0.0.12:10250: connect: connection refused\n');
  });

  it('attach shows what the container prints', async () => {
    const r = await run(['attach', 'web'], { timeoutMs: 3000 });
    expect(r.stdout).toContain('attached');
  });
});

describe('kubectl exec over SPDY/3.1 (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false, and client-go\'s fallback)', () => {
  const env = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };

  it('exec -- env, exit codes and stdin', async () => {
    const verbose = await run(['exec', 'web', '-v=7', '--', 'env'], { env });
    expect(verbose.stdout).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web\n');
    expect(verbose.stderr).toContain('X-Stream-Protocol-Version: v5.channel.k8s.io');
    expect(verbose.stderr).toContain('Response Status: 101 Switching Protocols');
    expect(await run(['exec', 'web', '--', 'sh', '-c', 'exit 3'], { env })).toEqual({ stdout: '', stderr: 'bye\ncommand terminated with exit code 3\n', code: 3 });
    expect(await run(['exec', '-i', 'web', '--', 'sh'], { env, input: 'over spdy\n' })).toEqual({ stdout: 'you said: over spdy\n', stderr: '', code: 0 });
  });

  it('cp survives SPDY framing', async () => {
    const upload = join(dataDir, 'spdy.txt');
    await writeFile(upload, 'via spdy ✓\n');
    expect(await run(['cp', upload, 'default/web:/tmp/spdy.txt'], { env })).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fake.files.get('/tmp/spdy.txt')).toBe('via spdy ✓\n');
  });
});

describe('kubectl port-forward', () => {
  it('forwards a local port to the pod; an HTTP GET is answered by its nginx', async () => {
    const pf = await start(['port-forward', 'pod/web', ':80', '-v=6'], /Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/);
    try {
      const port = Number(pf.match[1]);
      const body = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
        }).on('error', reject);
      });
      expect(body).toEqual({ status: 200, body: NGINX_BODY });
      expect(pf.output()).toContain('Handling connection for');
      // kubectl 1.32's default transport: SPDY tunnelled in WebSocket, negotiated without falling back.
      expect(pf.errors()).toContain('negotiated protocol: portforward.k8s.io');
      expect(pf.errors()).not.toContain('fallback to secondary dialer');
    } finally {
      await pf.kill();
    }
  });

  it('falls back to plain SPDY/3.1 when WebSocket port-forwarding is switched off', async () => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'port-forward', 'pod/web', ':80'], { env: { ...process.env, KUBECONFIG: '', HOME: dataDir, KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' } });
    const closed = new Promise<void>((r) => child.on('close', () => r()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8');
          const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('close', () => reject(new Error(out)));
      });
      const body = await new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString('utf8')));
          res.on('end', () => resolve(b));
        }).on('error', reject);
      });
      expect(body).toBe(NGINX_BODY);
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
  });

  it("reports the kubelet's error when nothing listens on the port", async () => {
    const pf = await start(['port-forward', 'pod/web', ':81'], /Forwarding from 127\.0\.0\.1:(\d+) -> 81\n/);
    try {
      const port = Number(pf.match[1]);
      await new Promise<void>((resolve) => {
        get({ host: '127.0.0.1', port, path: '/' }, () => resolve()).on('error', () => resolve());
      });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await pf.kill();
    }
    expect(pf.errors()).toContain('an error occurred forwarding');
    expect(pf.errors()).toContain('error forwarding port 81 to pod sandbox-');
    expect(pf.errors()).toContain('failed to connect to localhost:81 inside namespace');
  });
});

describe('port-forward for client libraries (v4.channel.k8s.io, a channel pair per port)', () => {
  it('announces each port on its channels, then carries the HTTP exchange on the data channel', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${endpoint.port}/api/v1/namespaces/default/pods/web/portforward?ports=80,81`, ['v4.channel.k8s.io'], {
      ca: caPem,
      headers: { Authorization: `Bearer ${bearer}` },
    });
    const messages: Buffer[] = [];
    ws.on('message', (m: Buffer) => messages.push(Buffer.from(m)));
    await new Promise((r) => ws.once('open', r));
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.1\r\nHost: web\r\n\r\n')]));
    const code = await new Promise<number>((r) => ws.once('close', (c: number) => r(c)));
    expect(code).toBe(1000);
    const byChannel = (ch: number) => Buffer.concat(messages.filter((m) => m[0] === ch).map((m) => m.subarray(1)));
    expect([...byChannel(0).subarray(0, 2)]).toEqual([80, 0]);
    expect(byChannel(0).subarray(2).toString()).toMatch(new RegExp(`^HTTP/1.1 200 OK\r\n[\\s\\S]*\r\n\r\n${NGINX_BODY.replace(/[.*+?^${}()|[\]\\!]/g, '\\$&')}$`));
    expect([...byChannel(1)]).toEqual([80, 0]);
    expect([...byChannel(2)]).toEqual([81, 0]);
    expect(byChannel(3).subarray(2).toString()).toContain('error forwarding port 81 to pod sandbox-');
  });
});

describe('kubectl cp', () => {
  it('copies a file out of and into the pod through exec + tar', async () => {
    const local = join(dataDir, 'hello.txt');
    const out = await run(['cp', 'default/web:/tmp/hello.txt', local]);
    expect(out).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await readFile(local, 'utf8')).toBe('hello from the pod\n');
    const upload = join(dataDir, 'up.txt');
    await writeFile(upload, 'uploaded ünïcode\n');
    const r = await run(['cp', upload, 'default/web:/tmp/up.txt']);
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fake.files.get('/tmp/up.txt')).toBe('uploaded ünïcode\n');
  });
});

describe('kubectl top', () => {
  it('metrics.k8s.io/v1beta1 is in discovery with get and list', async () => {
    const r = await run(['api-resources', '--api-group=metrics.k8s.io', '-o', 'wide']);
    expect(rows(r.stdout)).toEqual([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES'],
      ['nodes', 'metrics.k8s.io/v1beta1', 'false', 'NodeMetrics', 'get,list'],
      ['pods', 'metrics.k8s.io/v1beta1', 'true', 'PodMetrics', 'get,list'],
    ]);
  });

  it('top nodes uses metrics.k8s.io and the node allocatable', async () => {
    const r = await run(['top', 'nodes']);
    expect(r.stderr).toBe('');
    expect(rows(r.stdout)).toEqual([
      ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'],
      ['node-1', '250m', '12%', '1024Mi', '25%'],
      ['node-2', '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
    ]);
  });

  it('top pods sums containers; --containers lists them', async () => {
    expect(rows((await run(['top', 'pods'])).stdout)).toEqual([
      ['NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['multi', '4m', '11Mi'],
      ['web', '2m', '10Mi'],
    ]);
    expect(rows((await run(['top', 'pods', '-A', '--containers'])).stdout)).toEqual([
      ['NAMESPACE', 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['default', 'multi', 'a', '1m', '5Mi'],
      ['default', 'multi', 'b', '3m', '6Mi'],
      ['default', 'web', 'web', '2m', '10Mi'],
    ]);
    expect(rows((await run(['top', 'pods', '-l', 'app=web'])).stdout)).toEqual([
      ['NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['web', '2m', '10Mi'],
    ]);
  });
});
