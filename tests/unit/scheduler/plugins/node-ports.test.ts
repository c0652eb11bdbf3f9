import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../engine/scheduler/framework/interface';
import { newNodePorts } from '../../../../engine/scheduler/plugins/node-ports';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter } from './fixtures';

const handle = makeHandle(makeSnapshot([]));
const REJECT = "Unschedulable: node(s) didn't have free ports for the requested pod ports";

/** newPod("m1", "UDP/127.0.0.1/8080", ...) as upstream's test helper spells ports. */
function podWithPorts(...ports: string[]) {
  return makePod('p', {
    containers: [
      {
        name: 'c',
        image: 'x',
        ports: ports.map((p) => {
          const [protocol, hostIP, port] = p.split('/');
          return { protocol, hostIP, hostPort: Number(port), containerPort: Number(port) };
        }),
      },
    ],
  });
}

// Upstream: nodeports/node_ports_test.go TestNodePorts.
describe('NodePorts', () => {
  const cases = [
    { name: 'nothing running', pod: [] as string[], existing: [] as string[], want: '', skip: true },
    { name: 'other port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/9090'], want: '' },
    { name: 'same udp port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], want: REJECT },
    { name: 'same tcp port', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], want: REJECT },
    { name: 'different host ip', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.2/8080'], want: '' },
    { name: 'different protocol', pod: ['UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], want: '' },
    { name: 'second udp port conflict', pod: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], want: REJECT },
    { name: 'first tcp port conflict', pod: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], want: REJECT },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: ['TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], want: REJECT },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], want: REJECT },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: ['TCP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], want: REJECT },
    { name: 'second different protocol', pod: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], want: '' },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], want: REJECT },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const existing = c.existing.length > 0 ? [podWithPorts(...c.existing)] : [];
      const run = runFilter(newNodePorts(undefined, handle), podWithPorts(...c.pod), [makeNodeInfo(makeNode('n'), existing)]);
      expect(reasonsByNode(run)).toEqual({ n: c.want });
    });
  }
  it('PreFilter skips a pod without host ports', () => {
    const plugin = newNodePorts(undefined, handle);
    expect(plugin.preFilter(new CycleState(), makePod('p'), []).status.code).toBe('Skip');
  });
});
