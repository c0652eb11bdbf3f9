/**
 * Which pods an Endpoints object lists and where: upstream's TestSyncServiceAddresses table
 * (pkg/controller/endpoint/endpoints_controller_test.go, 1.32) through shouldPodBeInEndpoints + podSubsets, and
 * FindPort (pkg/api/v1/pod/util.go) for named target ports.
 */
import { describe, expect, it } from 'vitest';
import { shouldPodBeInEndpoints } from '../../../../engine/controllers/endpoints/pod-endpoint-eligibility';
import { podSubsets, podToEndpointAddress } from '../../../../engine/controllers/endpoints/pod-to-endpoint-address';
import { findPort } from '../../../../engine/controllers/endpoints/service-port-resolution';
import { pod, service } from './fixtures';

function counts(tolerateUnready: boolean, phase: string, ready: boolean, terminating: boolean): [number, number] {
  const svc = service('foo', { publishNotReadyAddresses: tolerateUnready, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  const p = pod(1, { phase, ready, terminating, ip: '10.1.1.1' });
  if (!shouldPodBeInEndpoints(p, tolerateUnready)) return [0, 0];
  const subsets = podSubsets(svc, p);
  return [subsets.flatMap((s) => s.addresses ?? []).length, subsets.flatMap((s) => s.notReadyAddresses ?? []).length];
}

describe('Endpoints membership (upstream TestSyncServiceAddresses)', () => {
  const table: Array<[string, boolean, string, boolean, boolean, number, number]> = [
    ['pod running phase', false, 'Running', true, false, 1, 0],
    ['pod running phase being deleted', false, 'Running', true, true, 0, 0],
    ['pod unknown phase container ready', false, 'Unknown', true, false, 1, 0],
    ['pod unknown phase container ready being deleted', false, 'Unknown', true, true, 0, 0],
    ['pod pending phase container ready', false, 'Pending', true, false, 1, 0],
    ['pod pending phase container ready being deleted', false, 'Pending', true, true, 0, 0],
    ['pod unknown phase container not ready', false, 'Unknown', false, false, 0, 1],
    ['pod pending phase container not ready', false, 'Pending', false, false, 0, 1],
    ['pod failed phase', false, 'Failed', false, false, 0, 0],
    ['pod succeeded phase', false, 'Succeeded', false, false, 0, 0],
    ['pod running phase and tolerate unready', true, 'Running', false, false, 1, 0],
    ['pod running phase and tolerate unready being deleted', true, 'Running', false, true, 1, 0],
    ['pod unknown phase and tolerate unready', true, 'Unknown', false, false, 1, 0],
    ['pod unknown phase and tolerate unready being deleted', true, 'Unknown', false, true, 1, 0],
    ['pod pending phase and tolerate unready', true, 'Pending', false, false, 1, 0],
    ['pod pending phase and tolerate unready being deleted', true, 'Pending', false, true, 1, 0],
    ['pod failed phase and tolerate unready', true, 'Failed', false, false, 0, 0],
    ['pod succeeded phase and tolerate unready endpoints', true, 'Succeeded', false, false, 0, 0],
  ];
  for (const [name, tolerate, phase, ready, terminating, wantReady, wantUnready] of table) {
    it(name, () => expect(counts(tolerate, phase, ready, terminating)).toEqual([wantReady, wantUnready]));
  }

  it('a pod without an IP is never listed', () => {
    const p = { ...pod(1), status: { ...pod(1).status, podIP: undefined, podIPs: [] } };
    expect(shouldPodBeInEndpoints(p, true)).toBe(false);
  });
});

describe('addresses and ports', () => {
  it('the address carries ip, nodeName and a Pod targetRef without resourceVersion', () => {
    expect(podToEndpointAddress(service(), pod(1, { ip: '1.2.3.4' }))).toEqual({
      ip: '1.2.3.4',
      nodeName: 'node-1',
      targetRef: { kind: 'Pod', namespace: 'test', name: 'pod1', uid: 'uid-1' },
    });
  });

  it('an IPv6 Service takes the pod IPv6 address; a pod without one contributes nothing', () => {
    const svc = service('foo', { ipFamilies: ['IPv6'] });
    expect(podToEndpointAddress(svc, pod(1, { ips: ['1.2.3.4', 'beef::1'] }))?.ip).toBe('beef::1');
    expect(podSubsets(svc, pod(1, { ips: ['1.2.3.4'] }))).toEqual([]);
  });

  it('ports: name, resolved number, protocol, appProtocol (TestEndpointPortFromServicePort)', () => {
    const svc = service('foo', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }] });
    expect(podSubsets(svc, pod(1))).toEqual([
      { addresses: [podToEndpointAddress(svc, pod(1))], ports: [{ name: 'web', port: 8080, protocol: 'TCP', appProtocol: 'http' }] },
    ]);
  });

  it('a headless Service without ports lists the pod with no ports; a ClusterIP one without ports lists nothing', () => {
    expect(podSubsets(service('foo', { clusterIP: 'None', ports: [] }), pod(1))).toHaveLength(1);
    expect(podSubsets(service('foo', { ports: [] }), pod(1))).toEqual([]);
  });
});

describe('findPort (podutil.FindPort)', () => {
  const p = pod(1);
  p.spec = {
    ...p.spec!,
    containers: [{ name: 'a', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353, protocol: 'TCP' }] }],
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] },
      { name: 'init', ports: [{ name: 'setup', containerPort: 7000, protocol: 'TCP' }] },
    ],
  };
  it('a numeric targetPort is taken as is', () => expect(findPort(p, { port: 80, targetPort: 8443, protocol: 'TCP' })).toBe(8443));
  it('a named targetPort matches name and protocol', () => {
    expect(findPort(p, { port: 53, targetPort: 'dns', protocol: 'UDP' })).toBe(53);
    expect(findPort(p, { port: 53, targetPort: 'dns', protocol: 'TCP' })).toBeUndefined();
  });
  it('restartable init containers (sidecars) are searched, plain init containers are not', () => {
    expect(findPort(p, { port: 90, targetPort: 'metrics', protocol: 'TCP' })).toBe(9090);
    expect(findPort(p, { port: 70, targetPort: 'setup', protocol: 'TCP' })).toBeUndefined();
  });
});
