/**
 * #4 networking: kube-proxy's rules rendered as a node shows them, from the live cluster.
 * - Chain names use upstream's hash: the constants every cluster shows (default/kubernetes:https is
 *   KUBE-SVC-NPX46M4PTMTKRN6Y; kube-dns's are TCOU7JCQXEZGVUNU, ERIFXISQEP7F7OF4, JD5MR3NA4I4DYORP).
 * - iptables mode: `iptables-save -t nat` holds a KUBE-SVC chain over exactly the ready pods, with the
 *   probabilities iptables-save prints for 1/3 and 1/2 and none on the last rule; a readiness failure takes the
 *   endpoint's rules out; NodePorts go through KUBE-NODEPORTS and KUBE-EXT; a Service with no endpoints is
 *   REJECTed in the filter table.
 * - ipvs mode: `ipvsadm -Ln` lists the ClusterIP with `rr` and every ready pod as a Masq real server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { neverAborted, runKubectl } from '../../engine/kubectl';
import { runNodeNetworkCommand } from '../../engine/kubectl/terminal/node-network';
import { savedProbability } from '../../engine/network/proxy-rules/iptables-rules';
import { base32Std, portProtoHash } from '../../engine/network/proxy-rules/service-ports';
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
    spec:
      containers:
        - name: nginx
          image: 'nginx:1.27'
          ports: [{ containerPort: 80 }]
          readinessProbe: { exec: { command: [cat, /tmp/ready] }, periodSeconds: 5, failureThreshold: 1 }
          lifecycle: { postStart: { exec: { command: [touch, /tmp/ready] } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: NodePort
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: nobody }
spec:
  selector: { app: nobody }
  ports: [{ port: 8080 }]
`;

async function kubectl(s: SimCluster, args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runKubectl(args, { handler: s.cluster.apiServer, clock: s.clock, stdout: (t) => (out += t), stderr: (t) => (out += t), stdin, signal: neverAborted });
  return { code, out };
}

async function node(s: SimCluster, mode: 'iptables' | 'ipvs', cmd: 'iptables-save' | 'iptables' | 'ipvsadm', args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runNodeNetworkCommand(cmd, args, { handler: s.cluster.apiServer, clock: s.clock, mode, out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

const isReady = (p: KubeObject) => ((p['status'] as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

async function readyWeb(s: SimCluster, n: number): Promise<string[]> {
  let ips: string[] = [];
  await s.advanceUntil(async () => {
    const pods = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items.filter(isReady);
    ips = pods.map((p) => (p['status'] as { podIP: string }).podIP).sort();
    return pods.length === n;
  }, 180_000);
  await s.advance(2_000);
  return ips;
}

async function start(mode: 'iptables' | 'ipvs'): Promise<{ s: SimCluster; podIPs: string[]; clusterIP: string; nodePort: number }> {
  const s = await startSimCluster({ nodes: 2, seed: 7, proxyMode: mode });
  sim = s;
  expect((await kubectl(s, ['apply', '-f', '-'], WEB)).code).toBe(0);
  const podIPs = await readyWeb(s, 3);
  const svc = await s.admin.get({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'web' });
  const spec = svc['spec'] as { clusterIP: string; ports: Array<{ nodePort: number }> };
  return { s, podIPs, clusterIP: spec.clusterIP, nodePort: spec.ports[0]!.nodePort };
}

describe('kube-proxy chain names and probabilities', () => {
  it('hashes Service ports exactly as upstream (well-known chain names)', () => {
    expect(portProtoHash('default/kubernetes:https', 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(portProtoHash('kube-system/kube-dns:dns', 'udp')).toBe('TCOU7JCQXEZGVUNU');
    expect(portProtoHash('kube-system/kube-dns:dns-tcp', 'tcp')).toBe('ERIFXISQEP7F7OF4');
    expect(portProtoHash('kube-system/kube-dns:metrics', 'tcp')).toBe('JD5MR3NA4I4DYORP');
    // RFC 4648 test vectors for the encoding underneath.
    expect(base32Std(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======');
    expect(base32Std(new TextEncoder().encode('f'))).toBe('MY======');
  });

  it('prints probabilities as iptables-save reads them back from xt_statistic', () => {
    expect(savedProbability(3)).toBe('0.33333333349');
    expect(savedProbability(2)).toBe('0.50000000000');
    expect(savedProbability(4)).toBe('0.25000000000');
    expect(savedProbability(5)).toBe('0.20000000019');
  });
});

describe('kube-proxy rules from the live cluster', () => {
  it('iptables mode: KUBE-SERVICES → KUBE-SVC → KUBE-SEP over the ready pods, NodePort and REJECT rules', async () => {
    const { s, podIPs, clusterIP, nodePort } = await start('iptables');
    const svcChain = `KUBE-SVC-${portProtoHash('default/web:http', 'tcp')}`;
    const save = await node(s, 'iptables', 'iptables-save', ['-t', 'nat']);
    expect(save.code).toBe(0);
    const lines = save.out.split('\n');
    expect(lines[0]).toMatch(/^# Generated by iptables-save v1\.8\.9 \(nf_tables\) on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(lines[1]).toBe('*nat');
    expect(lines).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(lines).toContain(`-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j ${svcChain}`);
    expect(lines).toContain(`-A ${svcChain} ! -s 10.244.0.0/16 -d ${clusterIP}/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`);
    const balance = lines.filter((l) => l.startsWith(`-A ${svcChain} -m comment`));
    expect(balance.map((l) => /-> ([\d.]+):80"/.exec(l)?.[1])).toEqual(podIPs);
    expect(balance[0]).toContain('-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-');
    expect(balance[1]).toContain('-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-');
    expect(balance[2]).not.toContain('statistic');
    for (const ip of podIPs) {
      const sep = `KUBE-SEP-${portProtoHash('default/web:http', 'tcp', `${ip}:80`)}`;
      expect(lines).toContain(`:${sep} - [0:0]`);
      expect(lines).toContain(`-A ${sep} -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination ${ip}:80`);
    }
    const ext = `KUBE-EXT-${portProtoHash('default/web:http', 'tcp')}`;
    expect(lines).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web:http" -m tcp --dport ${nodePort} -j ${ext}`);
    expect(lines).toContain(`-A ${ext} -j ${svcChain}`);
    // The nodeports jump is the last rule of KUBE-SERVICES.
    const services = lines.filter((l) => l.startsWith('-A KUBE-SERVICES '));
    expect(services.at(-1)).toContain('--dst-type LOCAL -j KUBE-NODEPORTS');
    // Chains: built-ins, then the rest sorted; rules grouped in that order.
    const declared = lines.filter((l) => l.startsWith(':')).map((l) => l.slice(1, l.indexOf(' ')));
    expect(declared.slice(0, 4)).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
    expect(declared.slice(4)).toEqual([...declared.slice(4)].sort());

    const filter = await node(s, 'iptables', 'iptables-save', ['-t', 'filter']);
    expect(filter.out).toMatch(/-A KUBE-SERVICES -d [\d.]+\/32 -p tcp -m comment --comment "default\/nobody has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable/);

    const spec = await node(s, 'iptables', 'iptables', ['-t', 'nat', '-S', svcChain]);
    expect(spec.out.split('\n')[0]).toBe(`-N ${svcChain}`);
    expect(spec.out.split('\n').filter((l) => l.startsWith('-A'))).toHaveLength(4);
    expect(await node(s, 'iptables', 'iptables', ['-t', 'nat', '-S', 'KUBE-NOPE'])).toEqual({ code: 1, out: 'iptables: No chain/target/match by that name.\n' });
    expect((await node(s, 'iptables', 'iptables-save', ['-t', 'raw'])).out).toBe("iptables-save: table 'raw' does not exist\n");

    // A readiness failure takes the pod's rules out.
    const pods = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items;
    const victim = pods.find((p) => (p['status'] as { podIP: string }).podIP === podIPs[0])!;
    expect((await kubectl(s, ['exec', victim.metadata!.name!, '--', 'rm', '/tmp/ready'])).code).toBe(0);
    await s.advanceUntil(async () => !(await node(s, 'iptables', 'iptables-save', ['-t', 'nat'])).out.includes(`${podIPs[0]}:80`), 30_000, 500);
    const after = (await node(s, 'iptables', 'iptables-save', ['-t', 'nat'])).out.split('\n').filter((l) => l.startsWith(`-A ${svcChain} -m comment`));
    expect(after).toHaveLength(2);
    expect(after[0]).toContain('--probability 0.50000000000');
  });

  it('ipvs mode: ipvsadm -Ln lists the ClusterIP and NodePort with rr over the ready pods', async () => {
    const { s, podIPs, clusterIP, nodePort } = await start('ipvs');
    const { code, out } = await node(s, 'ipvs', 'ipvsadm', ['-Ln']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn']);
    const at = lines.indexOf(`TCP  ${clusterIP}:80 rr`);
    expect(at).toBeGreaterThan(2);
    expect(lines.slice(at + 1, at + 4)).toEqual(podIPs.map((ip) => `  -> ${`${ip}:80`.padEnd(28)} Masq    1      0          0         `));
    expect(lines.some((l) => new RegExp(`^TCP  [\\d.]+:${nodePort} rr$`).test(l))).toBe(true);
    // iptables mode keeps the IPVS table empty.
    expect((await node(s, 'iptables', 'ipvsadm', ['-Ln'])).out.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
