import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../../engine/apiserver/patch';
import { StatusError } from '../../../../engine/apiserver/errors';

function statusOf(fn: () => unknown): StatusError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError');
}

// RFC 6902 Appendix A examples.
const rfcCases: { name: string; doc: unknown; patch: unknown; want: unknown }[] = [
  { name: 'A.1 add object member', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux' }], want: { baz: 'qux', foo: 'bar' } },
  { name: 'A.2 add array element', doc: { foo: ['bar', 'baz'] }, patch: [{ op: 'add', path: '/foo/1', value: 'qux' }], want: { foo: ['bar', 'qux', 'baz'] } },
  { name: 'A.3 remove object member', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'remove', path: '/baz' }], want: { foo: 'bar' } },
  { name: 'A.4 remove array element', doc: { foo: ['bar', 'qux', 'baz'] }, patch: [{ op: 'remove', path: '/foo/1' }], want: { foo: ['bar', 'baz'] } },
  { name: 'A.5 replace', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'replace', path: '/baz', value: 'boo' }], want: { baz: 'boo', foo: 'bar' } },
  {
    name: 'A.6 move value',
    doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  },
  { name: 'A.7 move array element', doc: { foo: ['all', 'grass', 'cows', 'eat'] }, patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }], want: { foo: ['all', 'cows', 'eat', 'grass'] } },
  {
    name: 'A.8 test success',
    doc: { baz: 'qux', foo: ['a', 2, 'c'] },
    patch: [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    want: { baz: 'qux', foo: ['a', 2, 'c'] },
  },
  { name: 'A.10 add nested member object', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }], want: { foo: 'bar', child: { grandchild: {} } } },
  { name: 'A.11 ignore unrecognized elements', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], want: { foo: 'bar', baz: 'qux' } },
  { name: 'A.14 ~ escape ordering', doc: { '/': 9, '~1': 10 }, patch: [{ op: 'test', path: '/~01', value: 10 }], want: { '/': 9, '~1': 10 } },
  { name: 'A.16 add array value', doc: { foo: ['bar'] }, patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], want: { foo: ['bar', ['abc', 'def']] } },
  { name: '~1 decodes to /', doc: { metadata: { labels: {} } }, patch: [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'x' }], want: { metadata: { labels: { 'app.kubernetes.io/name': 'x' } } } },
  { name: 'copy', doc: { a: { b: 1 } }, patch: [{ op: 'copy', from: '/a', path: '/c' }], want: { a: { b: 1 }, c: { b: 1 } } },
];

describe('applyJsonPatch — RFC 6902 appendix A', () => {
  it.each(rfcCases)('$name', ({ doc, patch, want }) => {
    expect(applyJsonPatch(doc, JSON.stringify(patch))).toEqual(want);
  });

  it('does not modify its input', () => {
    const doc = { foo: ['bar'] };
    applyJsonPatch(doc, '[{"op":"add","path":"/foo/-","value":"x"}]');
    expect(doc).toEqual({ foo: ['bar'] });
  });
});

describe('applyJsonPatch — evanphx/json-patch v4 behaviour the API server exposes', () => {
  it('replace of a missing object member adds it (v4 does not check object members)', () => {
    expect(applyJsonPatch({ spec: {} }, '[{"op":"replace","path":"/spec/replicas","value":3}]')).toEqual({ spec: { replicas: 3 } });
  });
  it('negative index on add counts from the end of the grown array (idx += len+1)', () => {
    expect(applyJsonPatch({ a: [1, 2] }, '[{"op":"add","path":"/a/-1","value":9}]')).toEqual({ a: [1, 2, 9] });
    expect(applyJsonPatch({ a: [1, 2] }, '[{"op":"remove","path":"/a/-2"}]')).toEqual({ a: [2] });
  });
});

const GENERIC_422 = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server rejected our request due to an error in our request',
  reason: 'Invalid',
  details: {},
  code: 422,
};

describe('applyJsonPatch — errors as patch.go returns them', () => {
  it.each([
    ['A.9 failed test', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'bar' }]],
    ['A.12 add to nonexistent parent', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]],
    ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]],
    ['remove missing member', { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['index out of range', { a: [1] }, [{ op: 'add', path: '/a/5', value: 1 }]],
    ['unknown op', { a: 1 }, [{ op: 'frobnicate', path: '/a' }]],
    ['whole-document path', { a: 1 }, [{ op: 'replace', path: '', value: {} }]],
  ])('%s → 422 Invalid with the generic message', (_name, doc, patch) => {
    expect(statusOf(() => applyJsonPatch(doc, JSON.stringify(patch)))).toEqual(GENERIC_422);
  });

  it('a body that is not JSON → 400 with encoding/json text', () => {
    const s = statusOf(() => applyJsonPatch({}, '[{"op":"add",}]'));
    expect(s.code).toBe(400);
    expect(s.reason).toBe('BadRequest');
    expect(s.message).toBe("invalid character '}' looking for beginning of object key string");
  });
  it('an object instead of a list → 400 unmarshal error', () => {
    expect(statusOf(() => applyJsonPatch({}, '{"op":"add"}')).message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
  it('truncated body', () => {
    expect(statusOf(() => applyJsonPatch({}, '[')).message).toBe('unexpected end of JSON input');
  });
  it('more than 10000 operations → 413', () => {
    const ops = JSON.stringify(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 })));
    const s = statusOf(() => applyJsonPatch({ a: 1 }, ops));
    expect(s.code).toBe(413);
    expect(s.message).toBe('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});
