import { describe, expect, it } from 'vitest';
import { expand } from '../../../engine/kubelet/env/expand';
import { serviceEnv } from '../../../engine/kubelet/env/service-env';
import { binaryQuantity } from '../../../engine/kubelet/eviction/memory-eviction';
import { goDuration } from '../../../engine/kubelet/go-duration';
import { PodIpAllocator } from '../../../engine/kubelet/network/pod-ip-allocator';

describe('kubelet formats', () => {
  it('prints durations as Go time.Duration.String', () => {
    expect(goDuration(10_000)).toBe('10s');
    expect(goDuration(300_000)).toBe('5m0s');
    expect(goDuration(1_200)).toBe('1.2s');
    expect(goDuration(523)).toBe('523ms');
    expect(goDuration(3_723_500)).toBe('1h2m3.5s');
  });

  it('expands $(VAR) like third_party/forked/golang/expansion', () => {
    const vars: Record<string, string> = { A: 'x', B: 'y' };
    const lookup = (n: string) => vars[n];
    expect(expand('$(A)-$(B)', lookup)).toBe('x-y');
    expect(expand('$$(A)', lookup)).toBe('$(A)');
    expect(expand('$(MISSING)', lookup)).toBe('$(MISSING)');
    expect(expand('$A $', lookup)).toBe('$A $');
  });

  it('derives the service link variables kubelet envvars.FromServices does', () => {
    const env = serviceEnv([{ metadata: { name: 'my-svc' }, spec: { clusterIP: '10.96.5.5', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } }]);
    expect(Object.fromEntries(env.map((e) => [e.name, e.value]))).toEqual({
      MY_SVC_SERVICE_HOST: '10.96.5.5',
      MY_SVC_SERVICE_PORT: '80',
      MY_SVC_SERVICE_PORT_HTTP: '80',
      MY_SVC_PORT: 'tcp://10.96.5.5:80',
      MY_SVC_PORT_80_TCP: 'tcp://10.96.5.5:80',
      MY_SVC_PORT_80_TCP_PROTO: 'tcp',
      MY_SVC_PORT_80_TCP_PORT: '80',
      MY_SVC_PORT_80_TCP_ADDR: '10.96.5.5',
    });
  });

  it('prints memory as a BinarySI quantity', () => {
    expect(binaryQuantity(100 * 1024 * 1024)).toBe('100Mi');
    expect(binaryQuantity(87236 * 1024)).toBe('87236Ki');
    expect(binaryQuantity(0)).toBe('0');
  });

  it('hands out pod IPs from .2 upward, never the network, gateway or broadcast address', () => {
    const ips = new PodIpAllocator();
    ips.setCidr('10.244.3.0/30'); // .0 network, .1 gateway, .2 the only pod address, .3 broadcast
    expect(ips.allocate('a')).toBe('10.244.3.2');
    expect(() => ips.allocate('b')).toThrow(/no IP addresses available/);
    ips.release('a');
    expect(ips.allocate('b')).toBe('10.244.3.2');
  });
});
