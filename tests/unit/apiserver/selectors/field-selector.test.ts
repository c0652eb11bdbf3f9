// Cases follow k8s.io/apimachinery/pkg/fields/selector_test.go, the per-kind field label conversion funcs
// (pkg/apis/core/v1/conversion.go, apps/v1, batch/v1) and each registry's ToSelectableFields.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { StatusError } from '../../../../engine/apiserver/errors';
import { parseFieldSelector, selectableFields } from '../../../../engine/apiserver/selectors';

function failure(text: string, kindKey: string): StatusError {
  try {
    parseFieldSelector(text, kindKey);
  } catch (e) {
    return e as StatusError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('parseFieldSelector: syntax', () => {
  it.each([
    ['', ''],
    ['metadata.name=there', 'metadata.name=there'],
    ['metadata.name==there', 'metadata.name=there'],
    ['metadata.name!=there', 'metadata.name!=there'],
    ['metadata.namespace=b,metadata.name=a', 'metadata.name=a,metadata.namespace=b'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'],
    ['metadata.name=a\\=b\\\\c', 'metadata.name=a\\=b\\\\c'],
    ['metadata.name=', 'metadata.name='],
  ])('%j → %j', (text, canonical) => {
    expect(parseFieldSelector(text, 'apps/Deployment').toString()).toBe(canonical);
  });

  it.each([
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['metadata.name=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['metadata.name=a\\', 'invalid field selector: invalid escape sequence: \\'],
    ['metadata.name=a=b', 'invalid field selector: unescaped character in value: ='],
  ])('%j fails', (text, message) => {
    expect(failure(text, 'apps/Deployment').status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('unescapes values before matching', () => {
    const m = parseFieldSelector('metadata.name=a\\,b', 'core/ConfigMap');
    expect(m.matches({ metadata: { name: 'a,b', namespace: 'd' } })).toBe(true);
  });
});

describe('field label conversion', () => {
  it('rejects fields a kind does not support with upstream texts', () => {
    expect(failure('foo=bar', 'core/Pod').status.message).toBe('field label not supported: foo');
    expect(failure('spec.replicas=1', 'apps/Deployment').status.message).toBe('"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(failure('spec.size=1', 'example.com/Widget').status.message).toBe('"spec.size" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(failure('metadata.namespace=x', 'core/Node').status.message).toBe('field label not supported: metadata.namespace');
  });
  it('renames the legacy Pod spec.host to spec.nodeName', () => {
    expect(parseFieldSelector('spec.host=n1', 'core/Pod').toString()).toBe('spec.nodeName=n1');
  });
});

describe('selectable fields and matching', () => {
  const pod: KubeObject = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
    status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
  };
  it('exposes the Pod field set of ToSelectableFields', () => {
    expect(selectableFields('core/Pod', pod)).toEqual({
      'metadata.name': 'web',
      'metadata.namespace': 'default',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
  });
  it.each([
    ['spec.nodeName=n1', true],
    ['spec.nodeName!=n1', false],
    ['status.phase=Running,spec.nodeName=n1', true],
    ['status.phase!=Running', false],
    ['spec.nodeName=', false],
    ['status.nominatedNodeName=', true],
    ['spec.hostNetwork=false', true],
    ['metadata.namespace=default', true],
  ])('Pod %j → %s', (text, want) => {
    expect(parseFieldSelector(text, 'core/Pod').matches(pod)).toBe(want);
  });

  it('Events select on involvedObject, reason, source and type', () => {
    const ev: KubeObject = {
      metadata: { name: 'e', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1' },
      reason: 'Scheduled',
      type: 'Normal',
      reportingComponent: 'default-scheduler',
    };
    const m = parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=web,type=Normal,source=default-scheduler,reason=Scheduled', 'core/Event');
    expect(m.matches(ev)).toBe(true);
    expect(parseFieldSelector('type!=Normal', 'core/Event').matches(ev)).toBe(false);
  });

  it('Secrets by type, Namespaces by phase, Nodes by unschedulable, ReplicaSets by replicas, Jobs by successful', () => {
    expect(parseFieldSelector('type=kubernetes.io/tls', 'core/Secret').matches({ metadata: { name: 's', namespace: 'd' }, type: 'kubernetes.io/tls' })).toBe(true);
    expect(parseFieldSelector('status.phase=Terminating', 'core/Namespace').matches({ metadata: { name: 'n' }, status: { phase: 'Active' } })).toBe(false);
    expect(parseFieldSelector('spec.unschedulable=false', 'core/Node').matches({ metadata: { name: 'n' } })).toBe(true);
    expect(parseFieldSelector('status.replicas=0', 'apps/ReplicaSet').matches({ metadata: { name: 'r', namespace: 'd' }, status: {} })).toBe(true);
    expect(parseFieldSelector('status.successful=1', 'batch/Job').matches({ metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 1 } })).toBe(true);
  });

  it('cluster-scoped kinds have no metadata.namespace field', () => {
    expect(selectableFields('core/Namespace', { metadata: { name: 'default' }, status: { phase: 'Active' } })).toEqual({ 'metadata.name': 'default', 'status.phase': 'Active' });
  });
});
