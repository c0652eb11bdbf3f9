import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, update } from './harness';

const svc = otherStrategies['core/Service']!;
const base = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec });

describe('Service defaults (SetDefaults_Service + single-stack allocator view)', () => {
  it('fills a ClusterIP service like `kubectl get svc -o yaml` shows it', () => {
    const { obj, errors } = create(svc, base({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect(obj.status).toBeUndefined();
  });

  it('NodePort and LoadBalancer get externalTrafficPolicy; LoadBalancer allocateLoadBalancerNodePorts', () => {
    expect(create(svc, base({ type: 'NodePort', ports: [{ port: 80 }] })).obj.spec).toMatchObject({ externalTrafficPolicy: 'Cluster' });
    const lb = create(svc, base({ type: 'LoadBalancer', ports: [{ port: 80 }] })).obj.spec;
    expect(lb).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster' });
  });

  it('ClientIP affinity gets the 10800s timeout; headless without selector is RequireDualStack', () => {
    expect(create(svc, base({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })).obj.spec).toMatchObject({
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    });
    const headless = create(svc, base({ clusterIP: 'None', ports: [{ port: 80 }] })).obj.spec;
    expect(headless).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
  });

  it('ExternalName gets no IP family fields', () => {
    const { obj, errors } = create(svc, base({ type: 'ExternalName', externalName: 'example.com.' }));
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ type: 'ExternalName', externalName: 'example.com.', sessionAffinity: 'None' });
  });
});

describe('Service validation messages', () => {
  it('ports are required unless headless or ExternalName', () => {
    expect(create(svc, base({ selector: { app: 'web' } })).errors).toEqual(['spec.ports: Required value']);
    expect(create(svc, base({ clusterIP: 'None' })).errors).toEqual([]);
  });

  it('port range, names and duplicates', () => {
    const { errors } = create(svc, base({ ports: [{ port: 0 }, { name: 'http', port: 80 }, { name: 'http', port: 80 }] }));
    expect(errors).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[2].name: Duplicate value: "http"',
      'spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('type and protocol supported values', () => {
    const { errors } = create(svc, base({ type: 'Cluster', ports: [{ port: 80, protocol: 'HTTP' }] }));
    expect(errors).toEqual([
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('ExternalName needs a DNS name', () => {
    expect(create(svc, base({ type: 'ExternalName' })).errors).toEqual(['spec.externalName: Required value']);
    expect(create(svc, base({ type: 'ExternalName', externalName: 'Bad_Name' })).errors).toEqual([
      'spec.externalName: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    ]);
  });

  it('nodePort is forbidden for ClusterIP', () => {
    expect(create(svc, base({ ports: [{ port: 80, nodePort: 30080 }] })).errors).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });
});

describe('Service updates', () => {
  const stored = {
    ...base({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
      type: 'NodePort',
      clusterIP: '10.96.0.5',
      clusterIPs: ['10.96.0.5'],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    }),
    status: { loadBalancer: {} },
  };

  it('keeps allocated clusterIP and nodePort when the client omits them (kubectl replace)', () => {
    const { obj, errors } = update(svc, base({ selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80 }] }), stored);
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] });
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it('switching NodePort → ClusterIP drops the untouched nodePort and externalTrafficPolicy', () => {
    const { obj, errors } = update(svc, { ...stored, spec: { ...stored.spec, type: 'ClusterIP' } }, stored);
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect((obj.spec as Record<string, unknown>)['externalTrafficPolicy']).toBeUndefined();
  });

  it('clusterIP cannot change once set', () => {
    const { errors } = update(svc, { ...stored, spec: { ...stored.spec, clusterIP: '10.96.0.9' } }, stored);
    expect(errors).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.9"}: may not change once set']);
  });
});

describe('Service warnings (GetWarningsForService, 1.32)', () => {
  it('flags fields the type ignores and leading-zero IPv4 literals', () => {
    const warn = (spec: Record<string, unknown>) => svc.warnings?.(create(svc, base(spec)).obj, undefined) ?? [];
    expect(warn({ ports: [{ port: 80 }], externalName: 'db.example.com' })).toEqual(['spec.externalName is ignored when spec.type is not "ExternalName"']);
    expect(warn({ ports: [{ port: 80 }], externalIPs: ['010.1.2.3'] })).toEqual([
      'spec.externalIPs[0]: IP address was accepted, but will be invalid in a future Kubernetes release: ParseAddr("010.1.2.3"): IPv4 field has octet with leading zero',
    ]);
    expect(warn({ clusterIP: 'None', ports: [{ port: 80 }] })).toEqual([]);
  });
});
