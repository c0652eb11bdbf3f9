/**
 * RepackSubsets, with cases from upstream's TestPackSubsets (pkg/api/v1/endpoints/util_test.go). Upstream compares
 * against SortSubsets(expect), whose subset order is an md5 of a Go dump; here subsets are compared as a set
 * (addresses within a subset and ports are compared in order).
 */
import { describe, expect, it } from 'vitest';
import type { EndpointAddress, EndpointSubset } from 'kubernetes-types/core/v1';
import { repackSubsets } from '../../../../engine/controllers/endpoints/repack-subsets';

const ref = (uid: string) => ({ uid });
const a = (ip: string, uid?: string): EndpointAddress => (uid === undefined ? { ip } : { ip, targetRef: ref(uid) });
const bySubset = (ss: EndpointSubset[]) => [...ss].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));

const cases: Array<{ name: string; given: EndpointSubset[]; expect: EndpointSubset[] }> = [
  { name: 'empty everything', given: [{ addresses: [], ports: [] }], expect: [] },
  { name: 'empty addresses', given: [{ addresses: [], ports: [{ port: 111 }] }], expect: [] },
  // Since headless Services without ports (1.10), a port-less address is kept (the -1 port sentinel).
  { name: 'empty ports', given: [{ addresses: [a('1.2.3.4')], ports: [] }], expect: [{ addresses: [a('1.2.3.4')] }] },
  { name: 'one set, one ip, one port', given: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }] }], expect: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }] }] },
  {
    name: 'one set, one notReady ip, one UID, one port',
    given: [{ notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] }],
    expect: [{ notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, two mixed ips, one port',
    given: [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('5.6.7.8')], ports: [{ port: 111 }] }],
    expect: [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('5.6.7.8')], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, two duplicate ips, one port, notReady is covered by ready',
    given: [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] }],
    expect: [{ notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] }],
  },
  { name: 'one set, one ip, two ports', given: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }, { port: 222 }] }], expect: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }, { port: 222 }] }] },
  { name: 'one set, dup ips, one port', given: [{ addresses: [a('1.2.3.4'), a('1.2.3.4')], ports: [{ port: 111 }] }], expect: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }] }] },
  {
    name: 'one set, dup mixed ips with target-refs, one port (the first reference is kept)',
    given: [{ addresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }], notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'bar' } }], ports: [{ port: 111 }] }],
    expect: [{ notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }], ports: [{ port: 111 }] }],
  },
  { name: 'one set, one ip, dup ports', given: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }, { port: 111 }] }], expect: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }] }] },
  {
    name: 'two sets, dup mixed ip, dup port',
    given: [
      { addresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
    ],
    expect: [{ notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] }],
  },
  {
    name: 'two sets, dup ip, two ports',
    given: [
      { addresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
      { addresses: [a('1.2.3.4')], ports: [{ port: 222 }] },
    ],
    expect: [{ addresses: [a('1.2.3.4')], ports: [{ port: 111 }, { port: 222 }] }],
  },
  {
    name: 'two sets, dup mixed ip, dup uids, two ports',
    given: [
      { addresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 222 }] },
    ],
    expect: [
      { addresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 222 }] },
    ],
  },
  {
    name: 'two set, dup ip, with and without uid, dup ports',
    given: [
      { addresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
      { addresses: [a('1.2.3.4', 'uid-2')], ports: [{ port: 111 }] },
    ],
    expect: [{ addresses: [a('1.2.3.4'), a('1.2.3.4', 'uid-2')], ports: [{ port: 111 }] }],
  },
  {
    name: 'two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses',
    given: [
      { addresses: [a('5.6.7.8')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('5.6.7.8', 'uid-1')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
    ],
    expect: [
      {
        addresses: [a('5.6.7.8')],
        notReadyAddresses: [a('1.2.3.4'), a('1.2.3.4', 'uid-1'), a('5.6.7.8', 'uid-1')],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'four sets, three mixed ips, three ports, jumbled',
    given: [
      { addresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.5')], ports: [{ port: 222 }] },
      { addresses: [a('1.2.3.6')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.5')], ports: [{ port: 333 }] },
    ],
    expect: [
      { addresses: [a('1.2.3.4'), a('1.2.3.6')], ports: [{ port: 111 }] },
      { notReadyAddresses: [a('1.2.3.5')], ports: [{ port: 222 }, { port: 333 }] },
    ],
  },
];

describe('repackSubsets (upstream TestPackSubsets)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      expect(bySubset(repackSubsets(tc.given))).toEqual(bySubset(tc.expect));
    });
  }

  it('is deterministic whatever the input order', () => {
    const given = cases.at(-1)!.given;
    expect(repackSubsets([...given].reverse())).toEqual(repackSubsets(given));
  });
});
