import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, update } from './harness';

const cm = otherStrategies['core/ConfigMap']!;
const secret = otherStrategies['core/Secret']!;

// Upstream's RegexError puts two spaces before each "or" ("'key.name', " + " or "); shared regexError must match.
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  it('rejects bad keys and keys present in both data and binaryData', () => {
    const { errors } = create(cm, { metadata: { name: 'c' }, data: { 'bad key': 'x', both: 'y' }, binaryData: { both: 'eQ==' } });
    expect(errors).toEqual([
      `data[bad key]: Invalid value: "bad key": ${KEY_MSG}`,
      // Upstream ValidateConfigMap checks the other bag only while walking data: one error, under data.
      'data[both]: Invalid value: "both": duplicate of key present in binaryData',
    ]);
  });

  it('limits the payload to 1 MiB, reported on the whole object', () => {
    const { errors } = create(cm, { metadata: { name: 'c' }, data: { big: 'x'.repeat(1024 * 1024 + 1) } });
    // field.NewPath("") prints as "[]" (an element with neither name nor index renders as `[<index>]`).
    expect(errors).toEqual(['[]: Too long: may not be more than 1048576 bytes']);
  });

  it('immutable freezes data and itself', () => {
    const old = { metadata: { name: 'c' }, immutable: true, data: { a: '1' } };
    const { errors } = update(cm, { metadata: { name: 'c' }, immutable: false, data: { a: '2' } }, old);
    expect(errors).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set', 'data: Forbidden: field is immutable when `immutable` is set']);
  });
});

describe('Secret', () => {
  it('defaults type Opaque and folds stringData into base64 data', () => {
    const { obj, errors } = create(secret, { metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'héllo', a: 'y' } });
    expect(errors).toEqual([]);
    expect(obj).toEqual({ metadata: { name: 's' }, type: 'Opaque', data: { a: 'eQ==', b: 'aMOpbGxv' } });
  });

  it('type-specific required keys', () => {
    expect(create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/tls', data: {} }).errors).toEqual([
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
    expect(create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/service-account-token' }).errors).toEqual([
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]);
    expect(create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', data: {} }).errors).toEqual([
      'data[username]: Required value',
      'data[password]: Required value',
    ]);
    expect(create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/ssh-auth', data: {} }).errors).toEqual(['data[ssh-privatekey]: Required value']);
    expect(create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', data: {} }).errors).toEqual(['data[.dockerconfigjson]: Required value']);
  });

  it('docker config payloads must be JSON objects (contents redacted)', () => {
    const notJSON = create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'eA==' } });
    expect(notJSON.errors).toEqual(['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of value']);
    const ok = create(secret, { metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } });
    expect(ok.errors).toEqual([]);
  });

  it('type is immutable; immutable secrets keep their data', () => {
    const old = { metadata: { name: 's' }, type: 'Opaque', immutable: true, data: { a: 'eA==' } };
    const { errors } = update(secret, { metadata: { name: 's' }, type: 'kubernetes.io/tls', immutable: true, data: { 'tls.crt': '', 'tls.key': '' } }, old);
    expect(errors).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});
