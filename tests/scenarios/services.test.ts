/**
 * #4 acceptance 3 and the DNS line of acceptance 2, on a whole cluster under the virtual clock:
 * - iptables mode: 3,000 connections to a ClusterIP over 3 nginx pods land on each within 5 % of 1,000; a NodePort
 *   on any node's address reaches the same backends;
 * - userspace mode: they rotate strictly; sessionAffinity ClientIP pins a client to one backend;
 * - from a busybox pod, `wget -qO- http://web` goes through cluster DNS and kube-proxy to nginx;
 * - `nslookup web-0.nginx` (StatefulSet Basics) answers web-0's pod IP through the headless Service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { neverAborted, runKubectl } from '../../engine/kubectl';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: shell, image: 'busybox:1.36', command: [sleep, '3600'] }] }
`;

async function kubectl(s: SimCluster, args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runKubectl(args, { handler: s.cluster.apiServer, clock: s.clock, stdout: (t) => (out += t), stderr: (t) => (out += t), stdin, signal: neverAborted });
  return { code, out };
}

async function ready(s: SimCluster, selector: string, n: number): Promise<KubeObject[]> {
  let pods: KubeObject[] = [];
  await s.advanceUntil(async () => {
    pods = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: selector })).items.filter((p) => ((p['status'] as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    return pods.length === n;
  }, 180_000);
  await s.advance(2_000);
  return pods;
}

async function start(proxyMode: 'iptables' | 'userspace'): Promise<{ s: SimCluster; clusterIP: string; podIPs: string[] }> {
  const s = await startSimCluster({ nodes: 2, seed: 41, proxyMode });
  sim = s;
  expect((await kubectl(s, ['apply', '-f', '-'], WEB)).code).toBe(0);
  const pods = await ready(s, 'app=web', 3);
  await ready(s, 'run!=x', 4);
  const svc = await s.admin.get({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'web' });
  return { s, clusterIP: (svc['spec'] as { clusterIP: string }).clusterIP, podIPs: pods.map((p) => (p['status'] as { podIP: string }).podIP).sort() };
}

describe('Services through kube-proxy', () => {
  it('iptables mode spreads 3,000 connections evenly (each backend within 5 %), and wget reaches nginx by name', async () => {
    const { s, clusterIP, podIPs } = await start('iptables');
    const counts = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const b = s.cluster.nodes.clusterNetwork.route(clusterIP, 80, '10.244.9.9');
      if (b === undefined || b === 'not-a-service') throw new Error('no backend');
      expect(b.port).toBe(80);
      counts.set(b.ip, (counts.get(b.ip) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(podIPs);
    for (const n of counts.values()) expect(Math.abs(n - 1_000)).toBeLessThanOrEqual(50);

    const wget = await kubectl(s, ['exec', 'client', '--', 'wget', '-qO-', 'http://web']);
    expect(wget.out).toContain('<title>Welcome to nginx!</title>');
    const fqdn = await kubectl(s, ['exec', 'client', '--', 'nslookup', 'web.default.svc.cluster.local']);
    expect(fqdn.out).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n`);
    const srv = await kubectl(s, ['exec', 'client', '--', 'nslookup', '-type=SRV', '_http._tcp.web']);
    expect(srv.out).toContain(`Address:\t10.96.0.10:53\n\n** server can't find _http._tcp.web: NXDOMAIN\n\n`); // its port is unnamed
    const missing = await kubectl(s, ['exec', 'client', '--', 'nslookup', 'nothing-here']);
    expect(missing.out).toContain("** server can't find nothing-here: NXDOMAIN");

    // NodePort: any node's address and the allocated port reach the same backends.
    const svc = await s.admin.patch({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'web' }, 'merge', { spec: { type: 'NodePort' } });
    const nodePort = (svc['spec'] as { ports: Array<{ nodePort: number }> }).ports[0]!.nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    await s.advance(1_000);
    const node = (await s.admin.list({ group: '', version: 'v1', resource: 'nodes' })).items[1]!;
    const nodeIp = ((node['status'] as { addresses: Array<{ type: string; address: string }> }).addresses.find((a) => a.type === 'InternalIP'))!.address;
    const viaNode = s.cluster.nodes.clusterNetwork.route(nodeIp, nodePort, '10.244.9.9') as { ip: string };
    expect(podIPs).toContain(viaNode.ip);
    expect((await kubectl(s, ['exec', 'client', '--', 'wget', '-qO-', `http://${nodeIp}:${nodePort}`])).out).toContain('<title>Welcome to nginx!</title>');
    expect(s.cluster.nodes.clusterNetwork.route(nodeIp, 31999 === nodePort ? 31998 : 31999, '10.244.9.9')).toBe('not-a-service');
  });

  it('userspace mode rotates strictly; sessionAffinity ClientIP pins a client', async () => {
    const { s, clusterIP, podIPs } = await start('userspace');
    const order = Array.from({ length: 6 }, () => (s.cluster.nodes.clusterNetwork.route(clusterIP, 80, '10.244.9.9') as { ip: string }).ip);
    expect(order).toEqual([...podIPs, ...podIPs]);
    await s.admin.patch({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'web' }, 'merge', { spec: { sessionAffinity: 'ClientIP' } });
    await s.advance(1_000);
    const pinned = new Set(Array.from({ length: 20 }, () => (s.cluster.nodes.clusterNetwork.route(clusterIP, 80, '10.244.9.9') as { ip: string }).ip));
    expect(pinned.size).toBe(1);
  });

  it("StatefulSet Basics: nslookup web-0.nginx answers web-0's IP through the headless Service", async () => {
    const s = await startSimCluster({ nodes: 2, seed: 42 });
    sim = s;
    const web = `apiVersion: v1
kind: Service
metadata: { name: nginx, labels: { app: nginx } }
spec: { ports: [{ port: 80, name: web }], clusterIP: None, selector: { app: nginx } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  serviceName: nginx
  replicas: 2
  selector: { matchLabels: { app: nginx } }
  template:
    metadata: { labels: { app: nginx } }
    spec: { containers: [{ name: nginx, image: 'registry.k8s.io/nginx-slim:0.7', ports: [{ containerPort: 80, name: web }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: shell, image: 'busybox:1.36', command: [sleep, '3600'] }] }
`;
    expect((await kubectl(s, ['apply', '-f', '-'], web)).code).toBe(0);
    await ready(s, 'app=nginx', 2);
    await ready(s, 'run!=x', 3);
    const ip = ((await s.pod('default', 'web-0'))['status'] as { podIP: string }).podIP;
    const r = await kubectl(s, ['exec', 'client', '--', 'nslookup', 'web-0.nginx']);
    expect(r.out).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${ip}\n\n`);
    // The headless Service answers one A record per ready pod, and SRV records name each pod.
    const ips = [ip, ((await s.pod('default', 'web-1'))['status'] as { podIP: string }).podIP].sort();
    const all = await kubectl(s, ['exec', 'client', '--', 'nslookup', 'nginx']);
    expect(all.out).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ips.map((a) => `Name:\tnginx.default.svc.cluster.local\nAddress: ${a}\n`).join('')}\n`);
    const srv = await kubectl(s, ['exec', 'client', '--', 'nslookup', '-type=srv', '_web._tcp.nginx.default.svc.cluster.local']);
    expect(srv.out).toContain('_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local\n');
    expect(srv.out).toContain('_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n');
  });
});
