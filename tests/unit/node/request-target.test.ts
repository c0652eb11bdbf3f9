// Expected values follow Go's net/url (url.ParseQuery, per-segment unescaping), which kube-apiserver uses.
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../engine/node/http/request-target';

describe('parseRequestTarget', () => {
  it('keeps a plain path and parses an empty query', () => {
    expect(parseRequestTarget('/api/v1/namespaces/default/pods')).toEqual({ path: '/api/v1/namespaces/default/pods', query: {} });
    expect(parseRequestTarget('/version?')).toEqual({ path: '/version', query: {} });
  });

  it('percent-decodes each path segment', () => {
    expect(parseRequestTarget('/api/v1/namespaces/a%20b/configmaps/x%3Ay')?.path).toBe('/api/v1/namespaces/a b/configmaps/x:y');
    // `+` is literal in a path (only the query treats it as a space).
    expect(parseRequestTarget('/api/v1/x+y')?.path).toBe('/api/v1/x+y');
  });

  it('rejects an invalid escape in the path', () => {
    expect(parseRequestTarget('/api/v1/%zz')).toBeUndefined();
  });

  it('parses the query like url.ParseQuery: repeats in order, + as space, bare keys empty', () => {
    const t = parseRequestTarget('/api/v1/pods?labelSelector=app%3Dweb%2Ctier+in+(a)&fieldSelector=a&fieldSelector=b&watch&limit=500');
    expect(t?.query).toEqual({
      labelSelector: ['app=web,tier in (a)'],
      fieldSelector: ['a', 'b'],
      watch: [''],
      limit: ['500'],
    });
  });

  it('drops pairs url.ParseQuery rejects (bad escapes, `;` in the key) and keeps the rest', () => {
    const t = parseRequestTarget('/x?a=%zz&b;c=1&d=2&&e=%41');
    expect(t?.query).toEqual({ d: ['2'], e: ['A'] });
  });
});
