import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../../engine/apiserver/patch';
import { StatusError } from '../../../../engine/apiserver/errors';

// RFC 7386 Appendix A.
const cases: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch — RFC 7386 appendix A', () => {
  it.each(cases)('%j + %j', (doc, patch, want) => {
    expect(applyMergePatch(doc, JSON.stringify(patch))).toEqual(want);
  });

  it('replaces lists whole (containers are not merged)', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    expect(applyMergePatch(pod, '{"spec":{"containers":[{"name":"a","image":"z"}]}}')).toEqual({ spec: { containers: [{ name: 'a', image: 'z' }] } });
  });

  it('a body that is not a JSON object → 400 "Invalid JSON Patch" (ErrBadJSONPatch)', () => {
    for (const body of ['null', 'not json', '"str"']) {
      try {
        applyMergePatch({}, body);
        throw new Error('expected failure');
      } catch (e) {
        expect(e).toBeInstanceOf(StatusError);
        expect((e as StatusError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
      }
    }
  });
});
