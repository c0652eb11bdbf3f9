/** podToSliceEndpoint and sliceEndpointPorts, with upstream's TestPodToEndpoint and TestGetEndpointPorts (k8s.io/endpointslice utils_test.go, 1.32). */
import { describe, expect, it } from 'vitest';
import { podToSliceEndpoint, sliceEndpointPorts } from '../../../../engine/controllers/endpoints/pod-to-slice-endpoint';
import { node, pod, service } from './fixtures';

const target = { kind: 'Pod', namespace: 'test', name: 'pod1', uid: 'uid-1' };
const publishNotReady = service('publishnotready', { publishNotReadyAddresses: true });

describe('podToSliceEndpoint (upstream TestPodToEndpoint)', () => {
  const cases = [
    { name: 'Ready pod', pod: pod(1), svc: service(), conditions: { ready: true, serving: true, terminating: false } },
    { name: 'Ready pod + publishNotReadyAddresses', pod: pod(1), svc: publishNotReady, conditions: { ready: true, serving: true, terminating: false } },
    { name: 'Unready pod', pod: pod(1, { ready: false }), svc: service(), conditions: { ready: false, serving: false, terminating: false } },
    { name: 'Unready pod + publishNotReadyAddresses', pod: pod(1, { ready: false }), svc: publishNotReady, conditions: { ready: true, serving: false, terminating: false } },
    { name: 'Ready terminating pod', pod: pod(1, { terminating: true }), svc: service(), conditions: { ready: false, serving: true, terminating: true } },
    { name: 'Not ready terminating pod', pod: pod(1, { ready: false, terminating: true }), svc: service(), conditions: { ready: false, serving: false, terminating: true } },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(podToSliceEndpoint(tc.pod, undefined, tc.svc, 'IPv4')).toEqual({ addresses: ['1.2.3.5'], conditions: tc.conditions, nodeName: 'node-1', targetRef: target });
    });
  }

  it('Ready pod + node labels: the zone comes from topology.kubernetes.io/zone', () => {
    expect(podToSliceEndpoint(pod(1), node('node-1', 'us-central1-a'), service(), 'IPv4').zone).toBe('us-central1-a');
  });

  it('Multi IP Ready pod: only the address of the slice family', () => {
    const p = pod(1, { ips: ['1.2.3.4', '1234::5678:0000:0000:9abc:def0'] });
    expect(podToSliceEndpoint(p, undefined, service(), 'IPv4').addresses).toEqual(['1.2.3.4']);
    expect(podToSliceEndpoint(p, undefined, service(), 'IPv6').addresses).toEqual(['1234::5678:0000:0000:9abc:def0']);
  });

  it('Ready pod + hostname: set when the subdomain names the Service', () => {
    const p = pod(1);
    p.spec = { ...p.spec!, subdomain: 'foo', hostname: 'example-hostname' };
    expect(podToSliceEndpoint(p, undefined, service(), 'IPv4').hostname).toBe('example-hostname');
    expect(podToSliceEndpoint(p, undefined, service('other'), 'IPv4').hostname).toBeUndefined();
  });
});

describe('sliceEndpointPorts (upstream TestGetEndpointPorts)', () => {
  it('service with AppProtocol on one port', () => {
    const svc = service('foo', { ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP', appProtocol: 'example.com/custom-protocol' }] });
    expect(sliceEndpointPorts(svc, pod(1))).toEqual([{ name: 'http', port: 80, protocol: 'TCP', appProtocol: 'example.com/custom-protocol' }]);
  });

  it('service with named port and AppProtocol on one port', () => {
    const svc = service('foo', {
      ports: [
        { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' },
      ],
    });
    const p = pod(1);
    p.spec = { ...p.spec!, containers: [{ name: 'c', ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] }] };
    expect(sliceEndpointPorts(svc, p)).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
    ]);
  });

  it('an unnamed Service port still carries name ""; a named target the pod lacks is skipped', () => {
    const svc = service('foo', { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'x', port: 81, targetPort: 'missing', protocol: 'TCP' }] });
    expect(sliceEndpointPorts(svc, pod(1))).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('a headless Service without ports has no endpoint ports', () => {
    expect(sliceEndpointPorts(service('foo', { clusterIP: 'None', ports: [] }), pod(1))).toEqual([]);
  });
});
