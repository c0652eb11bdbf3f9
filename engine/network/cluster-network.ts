/**
 * The cluster network the simulated runtimes share: pod IPs are reachable from every pod (a flat CNI such as
 * kindnet); a Service ClusterIP:port, or a node address and a NodePort, goes through kube-proxy's choice of a ready
 * endpoint (ServiceProxy, in the cluster's proxy mode); names resolve through cluster DNS (cluster-dns.ts). It watches Services, EndpointSlices
 * and Pods through the API server, as kube-proxy and CoreDNS do.
 */
import type { KubeObject } from '../api/objects';
import type { ApiHandler } from '../apiserver/handler-types';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import { ApiClient } from '../client/api-client';
import { Informer } from '../client/informer';
import type { Connection } from '../kubelet/runtime/container-runtime';
import type { SimulatedNetwork } from '../kubelet/runtime/simulated-network';
import { query, resolveName, type DnsEndpoint, type DnsView } from './cluster-dns';
import { DEFAULT_AFFINITY_SECONDS, ServiceProxy, type Backend, type ProxyMode } from './service-proxy';

const PROXY_USER = { name: 'system:kube-proxy', groups: ['system:authenticated'] };

interface ServiceSpec {
  clusterIP?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  ports?: Array<{ name?: string; port: number; protocol?: string; nodePort?: number }>;
}

interface Slice {
  ports?: Array<{ name?: string; port?: number; protocol?: string }>;
  endpoints?: Array<{ addresses: string[]; hostname?: string; conditions?: { ready?: boolean } }>;
}

export class ClusterNetwork implements Disposable {
  private readonly services: Informer;
  private readonly slices: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly proxy: ServiceProxy;
  private readonly view: DnsView;

  constructor(
    handler: ApiHandler,
    private readonly clock: Clock,
    mode: ProxyMode,
    /** The flat pod network: a connection to a pod IP, or undefined when nothing listens there. */
    private readonly podConnect: (ip: string, port: number, from: { sandboxIp: string }) => Connection | undefined,
  ) {
    const client = new ApiClient(handler, PROXY_USER, 'kube-proxy/v1.32.4 (linux/amd64) kubernetes/59526cd');
    this.services = new Informer(client, { group: '', version: 'v1', resource: 'services' }, clock);
    this.slices = new Informer(client, { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }, clock);
    this.pods = new Informer(client, { group: '', version: 'v1', resource: 'pods' }, clock);
    this.nodes = new Informer(client, { group: '', version: 'v1', resource: 'nodes' }, clock);
    this.proxy = new ServiceProxy(mode, clock.random);
    this.view = {
      service: (ns, name) => this.services.get(`${ns}/${name}`),
      readyEndpoints: (ns, svc) => this.readyEndpoints(ns, svc),
      pods: (ns) => this.pods.list(ns),
    };
  }

  async start(): Promise<void> {
    await Promise.all([this.services.start(), this.slices.start(), this.pods.start(), this.nodes.start()]);
  }

  private slicesOf(ns: string, service: string): Slice[] {
    return this.slices.list(ns).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service) as unknown as Slice[];
  }

  /** One DnsEndpoint per ready address of the Service's slices, with that slice's ports. */
  private readyEndpoints(ns: string, service: string): DnsEndpoint[] {
    const out: DnsEndpoint[] = [];
    for (const slice of this.slicesOf(ns, service)) {
      const ports = (slice.ports ?? []).filter((p) => p.port !== undefined).map((p) => ({ name: p.name ?? '', port: p.port as number, protocol: p.protocol ?? 'TCP' }));
      for (const e of slice.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        for (const address of e.addresses) out.push({ address, ...(e.hostname ? { hostname: e.hostname } : {}), ports });
      }
    }
    return out;
  }

  /** The Service port a connection to ip:port addresses: a ClusterIP's port, or a NodePort on any node's address. */
  private servicePort(ip: string, port: number): { svc: KubeObject; sp: NonNullable<ServiceSpec['ports']>[number] | undefined } | undefined {
    const byIp = this.services.list().find((s) => (s['spec'] as ServiceSpec | undefined)?.clusterIP === ip);
    if (byIp) return { svc: byIp, sp: ((byIp['spec'] as ServiceSpec).ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP') };
    const isNode = this.nodes.list().some((n) => ((n['status'] as { addresses?: Array<{ address: string }> } | undefined)?.addresses ?? []).some((a) => a.address === ip));
    if (!isNode) return undefined;
    for (const svc of this.services.list()) {
      const sp = ((svc['spec'] as ServiceSpec | undefined)?.ports ?? []).find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP');
      if (sp) return { svc, sp };
    }
    return undefined;
  }

  /** Where kube-proxy sends a connection to ip:port from `fromIp`: a backend, undefined (refused), or 'not-a-service'. */
  route(ip: string, port: number, fromIp: string): Backend | undefined | 'not-a-service' {
    const target = this.servicePort(ip, port);
    if (!target) return 'not-a-service';
    const { svc, sp } = target;
    const spec = (svc['spec'] ?? {}) as ServiceSpec;
    if (!sp) return undefined;
    const backends: Backend[] = [];
    for (const slice of this.slicesOf(svc.metadata?.namespace ?? '', svc.metadata?.name ?? '')) {
      const slicePort = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''));
      if (slicePort?.port === undefined) continue;
      for (const e of slice.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) backends.push({ ip: a, port: slicePort.port });
    }
    backends.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
    const affinity = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined;
    return this.proxy.pick(`${svc.metadata?.namespace}/${svc.metadata?.name}:${sp.port}`, backends, fromIp, this.clock.now(), affinity);
  }

  readonly network: SimulatedNetwork = {
    connect: (ip, port, from) => {
      const routed = this.route(ip, port, from.sandboxIp);
      if (routed === 'not-a-service') return this.podConnect(ip, port, from);
      return routed === undefined ? undefined : this.podConnect(routed.ip, routed.port, from);
    },
    lookup: (name, from) => resolveName(this.view, name, from.searchDomains)[0],
    query: (name, type, from) => query(this.view, name, type, from.searchDomains),
  };

  dispose(): void {
    this.services.dispose();
    this.slices.dispose();
    this.pods.dispose();
    this.nodes.dispose();
  }
}
