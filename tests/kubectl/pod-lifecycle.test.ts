/**
 * Acceptance (#3): the real kubectl on PATH against the whole lab — scheduler, kubelets over the simulated
 * runtime, controllers, the lab.clusterlab.dev Clock and Faults — with only --kubeconfig, as a learner would.
 *
 * What is asserted is what a real 1.32 cluster prints for the same commands: kubectl does the printing, so the
 * lab is only under test for what it serves (statuses, stream contents, conditions, taints, evictions). The clock
 * runs at speed 100 so backoffs, grace periods and pulls take a hundredth of their virtual time.
 *
 * Order matters inside this file (vitest runs its tests in sequence): the StopKubelet fault runs last because a
 * stopped node's pods are evicted once their 300 s unreachable toleration lapses (3 s of wall time here).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../support/lab-server';

const INIT_DEMO = '/work/shared/k8s-examples/pods/init-containers.yaml';

let lab: LabServer;
let scratch: string;

beforeAll(async () => {
  lab = await startLabServer({ nodes: 2, zones: ['zone-a', 'zone-b'] });
  scratch = await mkdtemp(join(tmpdir(), 'pod-lifecycle-'));
  await waitFor(async () => (await lab.kubectl(['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name'])).code === 0);
}, 60_000);

afterAll(async () => {
  await lab?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} not met in ${timeoutMs} ms`);
}

async function ok(args: string[], input?: string): Promise<string> {
  const r = await lab.kubectl(args, { input, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** A long-running kubectl (watch, logs -f, port-forward) whose output is collected as it arrives. */
interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  until(re: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

function startKubectl(args: string[]): Running {
  const child = spawn('kubectl', ['--kubeconfig', lab.kubeconfig, ...args], { env: { ...process.env, KUBECONFIG: '', HOME: lab.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let done = false;
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const closed = new Promise<void>((r) => child.on('close', () => ((done = true), r())));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => done,
    until: async (re, stream = 'stdout', timeoutMs = 30_000) => {
      let m: RegExpExecArray | null = null;
      await waitFor(async () => (m = re.exec(stream === 'stdout' ? out : err)) !== null || done, timeoutMs, `${re} in kubectl ${args.join(' ')} (stdout: ${out} stderr: ${err})`);
      if (!m) throw new Error(`kubectl ${args.join(' ')} exited before ${re}:\n${out}${err}`);
      return m;
    },
    stop: async () => {
      if (!done) child.kill('SIGINT');
      await closed;
    },
  };
}

/** `kubectl get` table rows split on column gaps (kubectl pads with at least 3 spaces; cells may hold one). */
function tableRows(table: string): string[][] {
  return table
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

/** Table rows with the last column (AGE for pods, NOW for clocks) dropped: it differs on every run. */
function rowsWithoutAge(table: string): string[][] {
  return tableRows(table).map((cols) => cols.slice(0, -1));
}

/** `kubectl get nodes` rows as NAME, STATUS, ROLES, VERSION (AGE dropped). */
function nodeRows(table: string): string[][] {
  return tableRows(table).map((cols) => cols.filter((_, i) => i !== 3));
}

/** Watches the namespace's pods from before `apply` until `Running` is printed; returns the rows without AGE. */
async function watchPodsWhile(namespace: string, apply: () => Promise<unknown>, stopAt: RegExp): Promise<string[][]> {
  await ok(['create', 'namespace', namespace]);
  // -v=6 logs the watch request once its response has started: applying only then keeps every event in view.
  const watch = startKubectl(['get', 'pods', '-n', namespace, '-w', '-v=6']);
  try {
    await watch.until(/pods\?resourceVersion=\d+&watch=true 200 OK/, 'stderr');
    await apply();
    await watch.until(stopAt);
  } finally {
    await watch.stop();
  }
  return rowsWithoutAge(watch.stdout());
}

describe('the lab clock through kubectl', () => {
  it('get clock prints SPEED / PAUSED / NOW; patching speed is reported as kubectl reports any patch', async () => {
    const before = rowsWithoutAge(await ok(['get', 'clock']));
    expect(before[0]).toEqual(['NAME', 'SPEED', 'PAUSED']); // NOW is the last column, dropped as AGE would be
    expect(before[1]).toEqual(['cluster', '1', 'false']);
    expect(await ok(['patch', 'clock', 'cluster', '--type', 'merge', '-p', '{"spec":{"speed":100}}'])).toBe('clock.lab.clusterlab.dev/cluster patched\n');
    const after = (await ok(['get', 'clock', '--no-headers'])).trim().split(/\s+/);
    expect(after.slice(0, 3)).toEqual(['cluster', '100', 'false']);
    expect(after[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('kubectl get pods -w', () => {
  // One line per watch event: ADDED (created, Pending), MODIFIED by the binding (nodeName + PodScheduled, still
  // Pending), the kubelet's first status (ContainerCreating, no sandbox yet), its status once the sandbox is up
  // (podIP, PodReadyToStartContainers=True; containers still being created), then Running. Same lines as a real
  // 1.32 cluster pulling the image.
  it('a plain nginx pod: Pending, Pending, ContainerCreating, ContainerCreating, Running', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const rows = await watchPodsWhile('watch-nginx', () => ok(['apply', '-n', 'watch-nginx', '-f', '-'], JSON.stringify(pod)), /\bRunning\b/);
    expect(rows).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS'],
      ['web', '0/1', 'Pending', '0'],
      ['web', '0/1', 'Pending', '0'],
      ['web', '0/1', 'ContainerCreating', '0'],
      ['web', '0/1', 'ContainerCreating', '0'],
      ['web', '1/1', 'Running', '0'],
    ]);
    // The events behind those lines, with 1.32's messages (scheduler's Scheduled; kubelet's image and container
    // events — "Created container: <name>" gained its colon in 1.32).
    const node = await ok(['get', 'pod', 'web', '-n', 'watch-nginx', '-o', 'jsonpath={.spec.nodeName}']);
    let events: string[] = [];
    await waitFor(async () => {
      events = (await ok(['get', 'events', '-n', 'watch-nginx', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}'])).trim().split('\n');
      return events.some((e) => e.startsWith('Started: '));
    }, 10_000, 'the Started event');
    expect(events).toContain(`Scheduled: Successfully assigned watch-nginx/web to ${node}`);
    expect(events).toContain('Pulling: Pulling image "nginx:1.27"');
    expect(events.find((e) => e.startsWith('Pulled: '))).toMatch(/^Pulled: Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events).toContain('Created: Created container: nginx');
    expect(events).toContain('Started: Started container nginx');
  });

  // The docs' init-containers example: busybox's wget fetches info.cern.ch (a catalogue internet host), exits 0,
  // then nginx starts. Init:0/1 twice (before and after the sandbox), PodInitializing once the init container
  // completed and nginx is being created, then Running.
  it('the docs init-containers example: Init:0/1, PodInitializing, Running', async () => {
    const rows = await watchPodsWhile('watch-init', () => ok(['apply', '-n', 'watch-init', '-f', INIT_DEMO]), /\bRunning\b/);
    expect(rows).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS'],
      ['init-demo', '0/1', 'Pending', '0'],
      ['init-demo', '0/1', 'Pending', '0'],
      ['init-demo', '0/1', 'Init:0/1', '0'],
      ['init-demo', '0/1', 'Init:0/1', '0'],
      ['init-demo', '0/1', 'PodInitializing', '0'],
      ['init-demo', '1/1', 'Running', '0'],
    ]);
    // What the tutorial checks next: nginx serves the page the init container downloaded.
    const page = await ok(['exec', '-n', 'watch-init', 'init-demo', '-c', 'nginx', '--', 'cat', '/usr/share/nginx/html/index.html']);
    expect(page).toContain('<title>http://info.cern.ch</title>');
  });
});

/** The nginx image's entrypoint output (docker-library/nginx 1.27, Debian), as `kubectl logs` shows it. */
const NGINX_ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The nginx image's /etc/nginx/nginx.conf (the nginx.org Debian package's default). */
const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

describe('pod streams against a running nginx', () => {
  const NS = 'streams';
  beforeAll(async () => {
    await ok(['create', 'namespace', NS]);
    await ok(['run', 'web', '-n', NS, '--image=nginx:1.27', '--port=80']);
    await ok(['wait', '-n', NS, '--for=condition=Ready', 'pod/web', '--timeout=60s']);
  }, 90_000);

  it('logs: the entrypoint lines, then nginx notices stamped with the virtual time', async () => {
    const lines = (await ok(['logs', '-n', NS, 'web'])).split('\n');
    expect(lines.slice(0, NGINX_ENTRYPOINT_LINES.length)).toEqual(NGINX_ENTRYPOINT_LINES);
    const notices = lines.slice(NGINX_ENTRYPOINT_LINES.length).filter((l) => l !== '');
    expect(notices.length).toBeGreaterThan(3);
    for (const l of notices) expect(l).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: /);
    expect(notices).toContain(notices.find((l) => l.endsWith('[notice] 1#1: start worker processes')));
  });

  it('logs -f: prints the history and keeps following until killed', async () => {
    const follow = startKubectl(['logs', '-f', '-n', NS, 'web']);
    try {
      await follow.until(/^(?:.*\n){3}/);
      await new Promise((r) => setTimeout(r, 300));
      expect(follow.exited()).toBe(false);
    } finally {
      await follow.stop();
    }
    expect(follow.stdout().split('\n').slice(0, 3)).toEqual(NGINX_ENTRYPOINT_LINES.slice(0, 3));
  });

  it('logs --previous before any restart: the kubelet\'s BadRequest', async () => {
    const r = await lab.kubectl(['logs', '--previous', '-n', NS, 'web']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n');
  });

  it('exec -- env: the image env, HOSTNAME=<pod>, the kubernetes service variables', async () => {
    const env = (await ok(['exec', '-n', NS, 'web', '--', 'env'])).split('\n');
    const serviceIp = await ok(['get', 'service', 'kubernetes', '-n', 'default', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(env).toContain('HOSTNAME=web');
    expect(env).toContain(`KUBERNETES_SERVICE_HOST=${serviceIp}`);
    expect(env).toContain('KUBERNETES_SERVICE_PORT=443');
    expect(env).toContain(`KUBERNETES_PORT_443_TCP=tcp://${serviceIp}:443`);
    expect(env).toContain('NGINX_VERSION=1.27.3');
  });

  it('exec -it under a pty (util-linux script): the command sees a terminal', async () => {
    const cmd = `kubectl --kubeconfig ${lab.kubeconfig} exec -it -n ${NS} web -- ls /usr/share/nginx/html`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, KUBECONFIG: '', HOME: lab.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString('utf8')));
      const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`script timed out: ${text}`))), 20_000);
      child.on('close', () => (clearTimeout(timer), resolve(text)));
    });
    // ls lays names out in columns on a terminal, one per line on a pipe; the pty turns \n into \r\n.
    expect(out).toContain('50x.html  index.html\r\n');
    expect(await ok(['exec', '-i', '-n', NS, 'web', '--', 'ls', '/usr/share/nginx/html'], '')).toBe('50x.html\nindex.html\n');
  });

  it('port-forward: an HTTP GET through the forwarded port gets nginx\'s welcome page', async () => {
    const pf = startKubectl(['port-forward', '-n', NS, 'pod/web', ':80']);
    try {
      const m = await pf.until(/Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/);
      const res = await new Promise<{ status: number; server: string; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: Number(m[1]), path: '/' }, (r) => {
          let body = '';
          r.on('data', (d: Buffer) => (body += d.toString('utf8')));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, server: String(r.headers['server']), body }));
        }).on('error', reject);
      });
      expect(res.status).toBe(200);
      expect(res.server).toBe('nginx/1.27.3');
      expect(res.body).toContain('<title>Welcome to nginx!</title>');
      await pf.until(/Handling connection for \d+\n/);
    } finally {
      await pf.stop();
    }
  });

  it('top nodes / top pods: upstream 1.32 columns, millicores and Mi', async () => {
    await waitFor(async () => (await lab.kubectl(['top', 'pods', '-n', NS])).code === 0, 30_000, 'pod metrics');
    const nodes = (await ok(['top', 'nodes'])).trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes.slice(1).map((r) => r[0])).toEqual(['node-1', 'node-2']);
    for (const r of nodes.slice(1)) {
      expect(r[1]).toMatch(/^\d+m$/);
      expect(r[2]).toMatch(/^\d+%$/);
      expect(r[3]).toMatch(/^\d+Mi$/);
      expect(r[4]).toMatch(/^\d+%$/);
    }
    const pods = (await ok(['top', 'pods', '-n', NS])).trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(pods[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(pods[1]?.[0]).toBe('web');
    expect(pods[1]?.[1]).toMatch(/^\d+m$/);
    expect(pods[1]?.[2]).toMatch(/^\d+Mi$/);
  });

  it('cp a file out of the pod: the image\'s nginx.conf, byte for byte', async () => {
    const dest = join(scratch, 'nginx.conf');
    const r = await lab.kubectl(['cp', `${NS}/web:/etc/nginx/nginx.conf`, dest]);
    expect(r.code).toBe(0);
    expect(await readFile(dest, 'utf8')).toBe(NGINX_CONF);
  });

  it('logs --previous after a CrashContainer fault: the previous instance\'s output; RESTARTS 1', async () => {
    const fault = { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Fault', metadata: { name: 'crash-web' }, spec: { type: 'CrashContainer', target: { namespace: NS, pod: 'web', container: 'web' } } };
    expect(await ok(['apply', '-f', '-'], JSON.stringify(fault))).toBe('fault.lab.clusterlab.dev/crash-web created\n');
    await ok(['wait', '-n', NS, '--for=jsonpath={.status.containerStatuses[0].restartCount}=1', 'pod/web', '--timeout=30s']);
    const terminated = JSON.parse(await ok(['get', 'pod', '-n', NS, 'web', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated}'])) as Record<string, unknown>;
    expect(terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const previous = (await ok(['logs', '--previous', '-n', NS, 'web'])).split('\n');
    expect(previous.slice(0, NGINX_ENTRYPOINT_LINES.length)).toEqual(NGINX_ENTRYPOINT_LINES);
    await ok(['wait', '-n', NS, '--for=condition=Ready', 'pod/web', '--timeout=30s']);
    const row = (await ok(['get', 'pod', '-n', NS, 'web', '--no-headers'])).trim().split(/\s{2,}/);
    expect(row.slice(0, 3)).toEqual(['web', '1/1', 'Running']);
    expect(row[3]).toMatch(/^1 \(\d+(s|m\d*s?|h\d*m?) ago\)$/);
    await ok(['delete', 'fault', 'crash-web']);
  });
});

describe('CrashLoopBackOff', () => {
  it('a container that exits 1: STATUS CrashLoopBackOff or Error, RESTARTS "N (Xs ago)", logs and --previous', async () => {
    await ok(['create', 'namespace', 'crash']);
    expect(await ok(['run', 'crash', '-n', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'echo boom; exit 1'])).toBe('pod/crash created\n');
    let row: string[] = [];
    await waitFor(
      async () => {
        row = (await ok(['get', 'pod', 'crash', '-n', 'crash', '--no-headers'])).trim().split(/\s{2,}/);
        return Number.parseInt(row[3] ?? '0', 10) >= 2;
      },
      60_000,
      'two restarts',
    );
    expect(row[0]).toBe('crash');
    expect(row[1]).toBe('0/1');
    expect(['CrashLoopBackOff', 'Error']).toContain(row[2]);
    // printers.go: restarts as "%d (%s ago)", the age of lastState.terminated.finishedAt in HumanDuration.
    expect(row[3]).toMatch(/^\d+ \((\d+s|\d+m(\d+s)?|\d+h(\d+m)?) ago\)$/);
    const terminated = JSON.parse(await ok(['get', 'pod', '-n', 'crash', 'crash', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated}'])) as Record<string, unknown>;
    expect(terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(await ok(['logs', '--previous', '-n', 'crash', 'crash'])).toBe('boom\n');
    // The kubelet's event while the container waits out its backoff (kuberuntime_manager.go doBackOff).
    const uid = await ok(['get', 'pod', '-n', 'crash', 'crash', '-o', 'jsonpath={.metadata.uid}']);
    const events = await ok(['get', 'events', '-n', 'crash', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    expect(events).toContain(`BackOff: Back-off restarting failed container crash in pod crash_crash(${uid})`);
  });
});

describe('cordon, uncordon, drain', () => {
  const NS = 'drain';
  it('cordon / uncordon print as upstream and flip SchedulingDisabled', async () => {
    expect(await ok(['cordon', 'node-1'])).toBe('node/node-1 cordoned\n');
    const nodes = nodeRows(await ok(['get', 'nodes']));
    expect(nodes).toContainEqual(['node-1', 'Ready,SchedulingDisabled', '<none>', 'v1.32.4']);
    expect(await ok(['uncordon', 'node-1'])).toBe('node/node-1 uncordoned\n');
    expect(nodeRows(await ok(['get', 'nodes']))).toContainEqual(['node-1', 'Ready', '<none>', 'v1.32.4']);
  });

  it('drain evicts a Deployment\'s pods from node-1; the ReplicaSet recreates them on node-2', async () => {
    await ok(['create', 'namespace', NS]);
    await ok(['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=4']);
    await ok(['rollout', 'status', '-n', NS, 'deployment/web', '--timeout=60s']);
    const onNode1 = (await ok(['get', 'pods', '-n', NS, '--field-selector', 'spec.nodeName=node-1', '-o', 'name'])).trim().split('\n').filter(Boolean).map((n) => n.replace('pod/', ''));
    expect(onNode1.length).toBeGreaterThan(0); // the default topology spread puts some on each node

    const r = await lab.kubectl(['drain', 'node-1', '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--pod-selector', 'app=web'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('node/node-1 cordoned');
    expect(lines.at(-1)).toBe('node/node-1 drained');
    expect(lines.slice(1, -1).sort()).toEqual([...onNode1.map((p) => `evicting pod ${NS}/${p}`), ...onNode1.map((p) => `pod/${p} evicted`)].sort());

    await ok(['rollout', 'status', '-n', NS, 'deployment/web', '--timeout=60s']);
    await waitFor(async () => (await ok(['get', 'pods', '-n', NS, '--no-headers'])).trim().split('\n').length === 4, 30_000, 'evicted pods gone');
    const placed = (await ok(['get', 'pods', '-n', NS, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName}{"\\n"}{end}'])).trim().split('\n');
    for (const line of placed) {
      const [name, node] = line.split(' ');
      expect(onNode1).not.toContain(name);
      expect(node).toBe('node-2');
    }
    expect(nodeRows(await ok(['get', 'nodes']))).toContainEqual(['node-1', 'Ready,SchedulingDisabled', '<none>', 'v1.32.4']);
    expect(await ok(['uncordon', 'node-1'])).toBe('node/node-1 uncordoned\n');
  });
});

describe('a StopKubelet fault through kubectl', () => {
  it('node-2 goes NotReady (Unknown) about 50 virtual seconds after its last lease renewal, tainted unreachable; healing restores it', async () => {
    const file = join(scratch, 'stop-node-2.yaml');
    await writeFile(file, 'apiVersion: lab.clusterlab.dev/v1\nkind: Fault\nmetadata:\n  name: stop-node-2\nspec:\n  type: StopKubelet\n  target:\n    node: node-2\n');
    expect(await ok(['apply', '-f', file])).toBe('fault.lab.clusterlab.dev/stop-node-2 created\n');
    await ok(['wait', '--for=condition=Ready=Unknown', 'node/node-2', '--timeout=60s']);

    expect(nodeRows(await ok(['get', 'nodes']))).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'VERSION'],
      ['node-1', 'Ready', '<none>', 'v1.32.4'],
      ['node-2', 'NotReady', '<none>', 'v1.32.4'],
    ]);
    // node-monitor-grace-period is 50 s in 1.32 (40 s before); the node lifecycle controller checks every 5 s and
    // measures from when it saw the lease renew, so informer latency (×100 here) adds a few virtual seconds.
    const renew = Date.parse(await ok(['get', 'lease', '-n', 'kube-node-lease', 'node-2', '-o', 'jsonpath={.spec.renewTime}']));
    const ready = JSON.parse(await ok(['get', 'node', 'node-2', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")]}'])) as Record<string, string>;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const graceSeconds = (Date.parse(ready['lastTransitionTime'] ?? '') - renew) / 1000;
    expect(graceSeconds).toBeGreaterThanOrEqual(50);
    expect(graceSeconds).toBeLessThanOrEqual(50 + 5 + 10);

    await waitFor(async () => (await ok(['describe', 'node', 'node-2'])).includes('node.kubernetes.io/unreachable:NoSchedule'), 30_000, 'unreachable taints');
    const described = await ok(['describe', 'node', 'node-2']);
    expect(described).toContain('Taints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unreachable:NoSchedule\n');
    expect(described).toMatch(/\n  Ready\s+Unknown\s+.+NodeStatusUnknown\s+Kubelet stopped posting node status\.\n/);

    expect(await ok(['delete', 'fault', 'stop-node-2'])).toBe('fault.lab.clusterlab.dev "stop-node-2" deleted\n');
    await ok(['wait', '--for=condition=Ready', 'node/node-2', '--timeout=60s']);
    await waitFor(async () => (await ok(['describe', 'node', 'node-2'])).includes('Taints:             <none>\n'), 30_000, 'taints removed');
    expect(nodeRows(await ok(['get', 'nodes']))).toContainEqual(['node-2', 'Ready', '<none>', 'v1.32.4']);
  });
});
