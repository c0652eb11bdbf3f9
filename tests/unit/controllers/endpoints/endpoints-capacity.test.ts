/** truncateEndpoints and capacityAnnotationSetCorrectly, with upstream's TestTruncateEndpoints table (pkg/controller/endpoint/endpoints_controller_test.go). */
import { describe, expect, it } from 'vitest';
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { capacityAnnotationSetCorrectly, truncateEndpoints } from '../../../../engine/controllers/endpoints/endpoints-capacity';

const addrs = (n: number) => Array.from({ length: n }, (_, i) => ({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}` }));

const cases = [
  { desc: 'empty', ready: [], notReady: [], expectedReady: [], expectedNotReady: [], truncated: false },
  { desc: 'total endpoints < max capacity', ready: [50, 100, 100, 100, 100], notReady: [50, 100, 100, 100, 100], expectedReady: [50, 100, 100, 100, 100], expectedNotReady: [50, 100, 100, 100, 100], truncated: false },
  { desc: 'total endpoints = max capacity', ready: [100, 100, 100, 100, 100], notReady: [100, 100, 100, 100, 100], expectedReady: [100, 100, 100, 100, 100], expectedNotReady: [100, 100, 100, 100, 100], truncated: false },
  {
    desc: 'total ready endpoints < max capacity, but total endpoints > max capacity',
    ready: [90, 110, 50, 10, 20],
    notReady: [101, 200, 200, 201, 298],
    expectedReady: [90, 110, 50, 10, 20],
    expectedNotReady: [73, 144, 144, 145, 214],
    truncated: true,
  },
  {
    desc: 'total ready endpoints > max capacity',
    ready: [205, 400, 402, 400, 693],
    notReady: [100, 200, 200, 200, 300],
    expectedReady: [98, 191, 192, 191, 328],
    expectedNotReady: [0, 0, 0, 0, 0],
    truncated: true,
  },
];

describe('truncateEndpoints (upstream TestTruncateEndpoints)', () => {
  for (const tc of cases) {
    it(tc.desc, () => {
      const subsets: EndpointSubset[] = tc.ready.map((n, i) => ({ addresses: addrs(n), notReadyAddresses: addrs(tc.notReady[i]!) }));
      expect(truncateEndpoints(subsets)).toBe(tc.truncated);
      expect(subsets.map((s) => (s.addresses ?? []).length)).toEqual(tc.expectedReady);
      expect(subsets.map((s) => (s.notReadyAddresses ?? []).length)).toEqual(tc.expectedNotReady);
    });
  }
});

describe('capacityAnnotationSetCorrectly', () => {
  it('over capacity is never "set correctly"; within capacity only without the annotation', () => {
    expect(capacityAnnotationSetCorrectly({}, [{ addresses: addrs(1001) }])).toBe(false);
    expect(capacityAnnotationSetCorrectly({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }, [{ addresses: addrs(10) }])).toBe(false);
    expect(capacityAnnotationSetCorrectly(undefined, [{ addresses: addrs(1000) }])).toBe(true);
  });
});
