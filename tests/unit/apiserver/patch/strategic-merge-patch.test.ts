/**
 * Cases modelled on k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go, rewritten for Pod and
 * Deployment fields. Expected results follow upstream's algorithm: merged items are ordered by
 * $setElementOrder / the patch first and the live order second (mergeSortedSlice), so new items named in a
 * patch without $setElementOrder land before the live items.
 */
import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from '../../../../engine/apiserver/patch';
import { StatusError } from '../../../../engine/apiserver/errors';
import { patchMeta } from './lookups';

const smp = (doc: unknown, patch: unknown): unknown => applyStrategicMergePatch(doc, JSON.stringify(patch), patchMeta);

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers, ...extra } });

const cases: { name: string; doc: unknown; patch: unknown; want: unknown }[] = [
  {
    name: 'merge list by merge key: change one item, keep the other',
    doc: pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]),
    patch: { spec: { containers: [{ name: 'b', image: 'b:2' }] } },
    want: pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }]),
  },
  {
    name: 'new item without $setElementOrder goes before live items',
    doc: pod([{ name: 'a', image: 'a:1' }]),
    patch: { spec: { containers: [{ name: 'sidecar', image: 's:1' }] } },
    want: pod([{ name: 'sidecar', image: 's:1' }, { name: 'a', image: 'a:1' }]),
  },
  {
    name: '$patch: delete removes the item with that key',
    doc: pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]),
    patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } },
    want: pod([{ name: 'b', image: 'b:1' }]),
  },
  {
    name: '$patch: replace on a list replaces it',
    doc: pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]),
    patch: { spec: { containers: [{ name: 'c', image: 'c:1' }, { $patch: 'replace' }] } },
    want: pod([{ name: 'c', image: 'c:1' }]),
  },
  {
    name: '$patch: replace on a map replaces it',
    doc: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { c: '3', $patch: 'replace' } } },
    want: { metadata: { labels: { c: '3' } } },
  },
  {
    name: '$patch: delete on a map empties it',
    doc: { metadata: { labels: { a: '1' }, name: 'x' } },
    patch: { metadata: { labels: { $patch: 'delete' } } },
    want: { metadata: { labels: {}, name: 'x' } },
  },
  {
    name: 'null deletes a field; a null for a missing field is ignored',
    doc: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { a: null, zz: null } } },
    want: { metadata: { labels: { b: '2' } } },
  },
  {
    name: 'nested merge inside a merged item (env by name)',
    doc: pod([{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }]),
    patch: { spec: { containers: [{ name: 'a', env: [{ name: 'Y', value: '3' }] }] } },
    want: pod([{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '3' }] }]),
  },
  {
    name: 'list without a merge strategy is replaced (tolerations)',
    doc: pod([], { tolerations: [{ key: 'a', operator: 'Exists' }] }),
    patch: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
    want: pod([], { tolerations: [{ key: 'b', operator: 'Exists' }] }),
  },
  {
    name: 'primitive list with merge strategy: union, new values first',
    doc: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['c', 'a'] } },
    want: { metadata: { finalizers: ['c', 'a', 'b'] } },
  },
  {
    name: '$deleteFromPrimitiveList removes values',
    doc: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    want: { metadata: { finalizers: ['a', 'c'] } },
  },
  {
    name: '$setElementOrder on a primitive list',
    doc: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$setElementOrder/finalizers': ['c', 'b', 'a'] } },
    want: { metadata: { finalizers: ['c', 'b', 'a'] } },
  },
  {
    name: '$retainKeys drops unlisted fields of a retainKeys struct (deployment strategy)',
    doc: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    want: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: '$retainKeys inside a merged volume item',
    doc: pod([], { volumes: [{ name: 'v', emptyDir: {} }] }),
    patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] } },
    want: pod([], { volumes: [{ name: 'v', configMap: { name: 'cm' } }] }),
  },
  {
    name: 'a map with $patch for a field that does not exist is dropped',
    doc: { metadata: { name: 'x' } },
    patch: { metadata: { labels: { $patch: 'delete' } } },
    want: { metadata: { name: 'x' } },
  },
  {
    name: 'value of a different type replaces',
    doc: { spec: { x: { a: 1 } } },
    patch: { spec: { x: 'str' } },
    want: { spec: { x: 'str' } },
  },
];

describe('applyStrategicMergePatch', () => {
  it.each(cases)('$name', ({ doc, patch, want }) => {
    expect(smp(doc, patch)).toEqual(want);
  });

  it('$setElementOrder orders live and patched items', () => {
    const doc = pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]);
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'c' }, { name: 'a' }], containers: [{ name: 'c', image: 'c:1' }] } };
    expect(smp(doc, patch)).toEqual(pod([{ name: 'b', image: 'b:1' }, { name: 'c', image: 'c:1' }, { name: 'a', image: 'a:1' }]));
  });

  it('delete and add in one patch with $setElementOrder keeps upstream order', () => {
    const doc = pod([{ name: '1' }, { name: '2', other: 'b' }, { name: '4', other: 'c' }]);
    const patch = { spec: { '$setElementOrder/containers': [{ name: '2' }, { name: '3' }], containers: [{ name: '3' }, { name: '1', $patch: 'delete' }] } };
    // The deletion shifts the live slice in place and the new item is written into the freed slot, so the
    // live order seen by $setElementOrder is [2, 4, 3]: 4 stays before 3.
    expect(smp(doc, patch)).toEqual(pod([{ name: '2', other: 'b' }, { name: '4', other: 'c' }, { name: '3' }]));
  });

  it('does not modify its input', () => {
    const doc = pod([{ name: 'a', image: 'a:1' }]);
    smp(doc, { spec: { containers: [{ name: 'a', image: 'a:2' }] } });
    expect(doc).toEqual(pod([{ name: 'a', image: 'a:1' }]));
  });
});

describe('applyStrategicMergePatch — errors as interpretStrategicMergePatchError maps them', () => {
  const status = (doc: unknown, patchText: string): StatusError['status'] => {
    try {
      applyStrategicMergePatch(doc, patchText, patchMeta);
    } catch (e) {
      if (e instanceof StatusError) return e.status;
      throw e;
    }
    throw new Error('expected a StatusError');
  };

  it('unknown $patch directive → plain error (500, no reason) with upstream text', () => {
    expect(status({ metadata: { labels: {} } }, '{"metadata":{"labels":{"$patch":"frob"}}}')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'unknown patch type: frob in map: map[$patch:frob]',
      code: 500,
    });
  });
  it('$retainKeys that is not a list → 400', () => {
    expect(status({ spec: { strategy: {} } }, '{"spec":{"strategy":{"$retainKeys":"type"}}}')).toMatchObject({ code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' });
  });
  it('a patched field missing from $retainKeys → 400', () => {
    expect(status({ spec: { strategy: {} } }, '{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}')).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });
  it('list of lists under merge strategy → 422 generic', () => {
    expect(status({ metadata: { finalizers: [['a']] } }, '{"metadata":{"finalizers":[["b"]]}}')).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
  });
  it('merge item without its merge key → plain error naming the key', () => {
    expect(status(pod([{ name: 'a' }]), '{"spec":{"containers":[{"image":"x"}]}}')).toMatchObject({ code: 500, message: 'map: map[image:x] does not contain declared merge key: name' });
  });
  it('$patch: merge in a list → plain error', () => {
    expect(status(pod([{ name: 'a' }]), '{"spec":{"containers":[{"$patch":"merge"}]}}').message).toBe('merging lists cannot yet be specified in the patch');
  });
  it('malformed JSON → 400 with the decoder text', () => {
    expect(status({}, '{"spec":}')).toMatchObject({ code: 400, message: "invalid character '}' looking for beginning of value" });
  });
});
