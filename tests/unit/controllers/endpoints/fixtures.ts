/** Pods, Services and Nodes shaped like upstream's test helpers (newPod, newServicePortsAddressType). */
import type { NodeObject, PodObject, ServiceObject } from '../../../../engine/controllers/endpoints/endpoint-types';

export function pod(n: number, opts: { ready?: boolean; terminating?: boolean; phase?: string; ip?: string; ips?: string[]; labels?: Record<string, string> } = {}): PodObject {
  const ready = opts.ready ?? true;
  const ips = opts.ips ?? [opts.ip ?? '1.2.3.5'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: 'test',
      name: `pod${n}`,
      uid: `uid-${n}`,
      labels: opts.labels ?? { foo: 'bar' },
      resourceVersion: String(n),
      ...(opts.terminating ? { deletionTimestamp: '2026-11-23T12:00:00Z' } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-11-23T11:00:00Z' }],
      podIP: ips[0],
      podIPs: ips.map((ip) => ({ ip })),
    },
  };
}

export function service(name = 'foo', spec: Record<string, unknown> = {}): ServiceObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'test', name, uid: `svc-uid-${name}`, creationTimestamp: '2026-11-23T10:00:00Z' },
    spec: { selector: { foo: 'bar' }, clusterIP: '10.0.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'tcp-example', port: 80, targetPort: 80, protocol: 'TCP' }], ...spec },
  } as ServiceObject;
}

export function node(name: string, zone?: string): NodeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} } };
}
