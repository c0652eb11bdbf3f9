/**
 * decodeProtobufObject on hand-built bodies. Field numbers, JSON names, pointer-ness and omitempty in the
 * expectations are upstream facts (k8s.io/api and k8s.io/apimachinery v0.32 generated.proto and struct tags);
 * the expected JSON is what Go's encoding/json prints for the decoded struct.
 */
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from '../../../../engine/apiserver/protobuf';
import { isStatusError, type StatusError } from '../../../../engine/apiserver/errors/status-error';
import { bytes, entry, envelope, int, key, msg, str, varint } from './proto-builder';

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (isStatusError(err)) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('decodeProtobufObject', () => {
  it('decodes a ConfigMap: maps sorted by key, bytes as base64, Go field order', () => {
    const body = envelope(
      'v1',
      'ConfigMap',
      // ObjectMeta: name 1, namespace 3, creationTimestamp 8 (zero Time: empty message), labels 11
      msg(1, str(1, 'c'), str(3, 'ns'), bytes(8, []), entry(11, 'b', str(2, '2')), entry(11, 'a', str(2, '1'))),
      entry(2, 'k', str(2, 'v')), // data
      entry(3, 'bin', bytes(2, [0x00, 0x01, 0xff])), // binaryData
    );
    const obj = decodeProtobufObject(body);
    expect(JSON.stringify(obj)).toBe(
      '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","namespace":"ns","creationTimestamp":null,"labels":{"a":"1","b":"2"}},"data":{"k":"v"},"binaryData":{"bin":"AAH/"}}',
    );
  });

  it('keeps a present zero in a pointer field (replicas: 0) and prints zero structs as Go does', () => {
    const withZero = decodeProtobufObject(envelope('apps/v1', 'Deployment', msg(1, str(1, 'd')), msg(2, int(1, 0))));
    expect(withZero).toStrictEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd', creationTimestamp: null },
      // selector is a pointer without omitempty (null); template and strategy are non-pointer structs;
      // PodSpec.containers has no omitempty.
      spec: { replicas: 0, selector: null, template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} },
      status: {},
    });
    const absent = decodeProtobufObject(envelope('apps/v1', 'Deployment', msg(1, str(1, 'd')), msg(2)));
    expect(absent['spec']).not.toHaveProperty('replicas');
  });

  it('drops zero values of omitempty fields and keeps those of required ones', () => {
    // Container: name 1 (json "name", no omitempty), workingDir 5 (omitempty), stdin 16 (omitempty)
    const container = msg(2, str(1, ''), str(5, ''), int(16, false), str(2, 'nginx'));
    const pod = decodeProtobufObject(envelope('v1', 'Pod', msg(1, str(1, 'p')), msg(2, container)));
    expect((pod['spec'] as { containers: unknown[] }).containers).toStrictEqual([{ name: '', image: 'nginx', resources: {} }]);
  });

  it('renders metav1.Time as RFC 3339 seconds (nanos dropped, as Time.Unmarshal does)', () => {
    const ts = msg(8, int(1, 1767323045), int(2, 500));
    const ns = decodeProtobufObject(envelope('v1', 'Namespace', msg(1, str(1, 'x'), ts, msg(9, int(1, 1767323045)), int(10, 30))));
    expect(ns['metadata']).toStrictEqual({
      name: 'x',
      creationTimestamp: '2026-01-02T03:04:05Z',
      deletionTimestamp: '2026-01-02T03:04:05Z',
      deletionGracePeriodSeconds: 30,
    });
  });

  it('reads IntOrString and Quantity in their JSON forms', () => {
    // ServicePort: port 3, targetPort 4 (IntOrString {1: type, 2: intVal, 3: strVal})
    const svc = decodeProtobufObject(
      envelope('v1', 'Service', msg(1, str(1, 's')), msg(2, msg(1, str(1, 'a'), int(3, 80), msg(4, int(1, 0), int(2, 8080))), msg(1, str(1, 'b'), int(3, 81), msg(4, int(1, 1), str(3, 'http'))))),
    );
    const ports = (svc['spec'] as { ports: { targetPort: unknown }[] }).ports;
    expect(ports.map((p) => p.targetPort)).toStrictEqual([8080, 'http']);
    // ResourceQuotaSpec.hard: map<string, Quantity{1: string}>; Go re-serialises a Quantity in canonical form.
    const quota = decodeProtobufObject(envelope('v1', 'ResourceQuota', msg(1, str(1, 'q')), msg(2, entry(1, 'cpu', msg(2, str(1, '1000m'))), entry(1, 'memory', msg(2, str(1, '1Gi'))))));
    expect(quota['spec']).toStrictEqual({ hard: { cpu: '1', memory: '1Gi' } });
  });

  it('decodes Secret data as base64 and stringData as text', () => {
    const secret = decodeProtobufObject(envelope('v1', 'Secret', msg(1, str(1, 's')), entry(2, 'p', bytes(2, [0x71])), entry(4, 't', str(2, 'u')), str(3, 'Opaque')));
    expect(secret).toStrictEqual({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', creationTimestamp: null }, data: { p: 'cQ==' }, stringData: { t: 'u' }, type: 'Opaque' });
  });

  it('accepts packed and unpacked repeated int64 (PodSecurityContext.supplementalGroups)', () => {
    const packed = bytes(4, [...varint(1000), ...varint(2000)]);
    const unpacked = [...int(4, 3000), ...int(4, -1)];
    const pod = decodeProtobufObject(envelope('v1', 'Pod', msg(1, str(1, 'p')), msg(2, msg(14, packed, unpacked))));
    expect((pod['spec'] as { securityContext: unknown }).securityContext).toStrictEqual({ supplementalGroups: [1000, 2000, 3000, -1] });
  });

  it('skips unknown field numbers and merges a repeated embedded message', () => {
    const body = envelope('v1', 'Namespace', int(99, 5), msg(1, str(1, 'x')), bytes(100, [1, 2, 3]), msg(1, entry(12, 'note', str(2, 'n'))), [...key(101, 5), 1, 2, 3, 4]);
    expect(decodeProtobufObject(body)['metadata']).toStrictEqual({ name: 'x', creationTimestamp: null, annotations: { note: 'n' } });
  });

  it('maps DeleteOptions in any group version to the meta/v1 message', () => {
    expect(decodeProtobufObject(envelope('v1', 'DeleteOptions', int(1, 5), str(4, 'Foreground'), str(5, 'All')))).toStrictEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 5,
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
    expect(decodeProtobufObject(envelope('meta.k8s.io/v1', 'DeleteOptions'))).toStrictEqual({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1' });
  });

  it('decodes a policy/v1 Eviction with its DeleteOptions', () => {
    const eviction = decodeProtobufObject(envelope('policy/v1', 'Eviction', msg(1, str(1, 'p1'), str(3, 'default')), msg(2, int(1, 0), msg(2, str(1, 'uid-1')))));
    expect(eviction).toStrictEqual({
      kind: 'Eviction',
      apiVersion: 'policy/v1',
      metadata: { name: 'p1', namespace: 'default', creationTimestamp: null },
      deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: 'uid-1' } },
    });
  });

  it('defaults an empty envelope kind/apiVersion from the target (copyKindDefaults)', () => {
    const obj = decodeProtobufObject(envelope('', '', msg(1, str(1, 'x'))), { apiVersion: 'v1', kind: 'Namespace' });
    expect(obj).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'x' } });
  });
});

describe('decodeProtobufObject errors', () => {
  const json = new TextEncoder().encode('{"kind":"Pod"}');

  it('rejects a body without the k8s magic with the serializer text', () => {
    const bare = statusOf(() => decodeProtobufObject(json));
    expect(bare.status.code).toBe(400);
    expect(bare.status.reason).toBe('BadRequest');
    expect(bare.status.message).toBe('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    const wrapped = statusOf(() => decodeProtobufObject(json, { apiVersion: 'v1', kind: 'Pod' }));
    expect(wrapped.status.message).toBe(
      'the object provided is unrecognized (must be of type Pod): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Pod"})',
    );
    const binary = statusOf(() => decodeProtobufObject(Uint8Array.from([1, 2, 3]), { apiVersion: 'v1', kind: 'Pod' }));
    expect(binary.status.message).toMatch(/ \(010203\)$/);
    expect(statusOf(() => decodeProtobufObject(new Uint8Array())).status.message).toBe('empty data');
  });

  it('reports a wrong wire type with the Go field name, wrapped like transformDecodeError', () => {
    const body = envelope('apps/v1', 'Deployment', int(2, 1)); // spec (2) must be length-delimited
    expect(statusOf(() => decodeProtobufObject(body, { apiVersion: 'apps/v1', kind: 'Deployment' })).status.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 0 for field Spec',
    );
    // ObjectMeta.uid's Go name is UID.
    expect(statusOf(() => decodeProtobufObject(envelope('v1', 'Namespace', msg(1, int(5, 1))))).status.message).toBe('proto: wrong wireType = 0 for field UID');
  });

  it('reports truncated bodies as unexpected EOF', () => {
    const body = envelope('v1', 'Namespace', msg(1, str(1, 'x')));
    expect(statusOf(() => decodeProtobufObject(body.subarray(0, body.length - 1))).status.message).toBe('unexpected EOF');
  });

  it('reports a missing kind', () => {
    expect(statusOf(() => decodeProtobufObject(envelope('v1', ''))).status.message).toBe(`Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`);
  });

  it('passes on a Quantity parse error', () => {
    const body = envelope('v1', 'ResourceQuota', msg(2, entry(1, 'cpu', msg(2, str(1, 'lots')))));
    expect(statusOf(() => decodeProtobufObject(body)).status.message).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('answers 415 for a kind without a descriptor', () => {
    const err = statusOf(() => decodeProtobufObject(envelope('v1', 'Node', msg(1, str(1, 'n')))));
    expect(err.status.code).toBe(415);
    expect(err.status.reason).toBe('UnsupportedMediaType');
    expect(err.status.message).toBe('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
  });
});
