/**
 * The renderer's pure models: the watch cache's resourceVersion guard, the topology scene (zones, nodes, pod looks,
 * unscheduled tray) and the lab Markdown renderer's escaping and code blocks.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { applyWatchEvent, type ObjectCache } from '../../../renderer/stores/apply-watch-event';
import { buildScene, podLook } from '../../../renderer/topology/topology-model';
import { renderMarkdown } from '../../../renderer/labs/markdown';

const pod = (name: string, rv: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: rv }, ...extra });

describe('applyWatchEvent', () => {
  it('adds, updates, ignores stale events and deletes', () => {
    const cache: ObjectCache = new Map();
    expect(applyWatchEvent(cache, { type: 'ADDED', object: pod('a', '5') })).toBe(true);
    expect(applyWatchEvent(cache, { type: 'MODIFIED', object: pod('a', '4') })).toBe(false);
    expect(cache.get('default/a')?.metadata?.resourceVersion).toBe('5');
    expect(applyWatchEvent(cache, { type: 'MODIFIED', object: pod('a', '7') })).toBe(true);
    expect(applyWatchEvent(cache, { type: 'DELETED', object: pod('a', '6') })).toBe(false);
    expect(applyWatchEvent(cache, { type: 'DELETED', object: pod('a', '8') })).toBe(true);
    expect(cache.size).toBe(0);
  });
});

describe('topology scene', () => {
  it('groups nodes by zone and colours pods by phase and readiness', () => {
    const node = (name: string, zone: string): KubeObject => ({ kind: 'Node', metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    const ready = pod('r', '1', { spec: { nodeName: 'n1' }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
    const creating = pod('c', '1', { spec: { nodeName: 'n2' }, status: { phase: 'Pending' } });
    const pending = pod('p', '1', { spec: {}, status: { phase: 'Pending' } });
    const crash = pod('x', '1', { spec: { nodeName: 'n1' }, status: { phase: 'Running', containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] } });
    const scene = buildScene([node('n2', 'b'), node('n1', 'a')], [ready, creating, pending, crash]);
    expect(scene.zones.map((z) => [z.zone, z.nodes.map((n) => [n.name, n.pods.map((p) => p.look)])])).toEqual([
      ['a', [['n1', ['ready', 'crashloop']]]],
      ['b', [['n2', ['creating']]]],
    ]);
    expect(scene.unscheduled.map((p) => p.name)).toEqual(['p']);
    expect(podLook(pod('t', '1', { metadata: { name: 't', deletionTimestamp: 'x' } }))).toBe('terminating');
  });
});

describe('lab markdown', () => {
  it('escapes HTML and keeps code blocks apart for Run/Copy', () => {
    const blocks = renderMarkdown('# Title\n\nSome **bold** <script>x</script> and `code`.\n\n```sh\nkubectl get pods\n```\n- one\n- two');
    expect(blocks[0]).toEqual({ type: 'html', html: '<h3>Title</h3>' });
    expect(blocks[1]).toEqual({ type: 'html', html: '<p>Some <strong>bold</strong> &lt;script&gt;x&lt;/script&gt; and <code>code</code>.</p>' });
    expect(blocks[2]).toEqual({ type: 'code', code: 'kubectl get pods', lang: 'sh' });
    expect(blocks[3]).toEqual({ type: 'html', html: '<ul><li>one</li><li>two</li></ul>' });
  });
});

describe('why here / why pending table', () => {
  it('lists the chosen node first with its total, scored nodes by total, then rejections with their plugin and reason', async () => {
    const { traceTable } = await import('../../../renderer/scheduling/trace-table');
    const table = traceTable({
      pod: { namespace: 'default', name: 'p', uid: 'u' },
      profile: 'default-scheduler',
      attempt: 1,
      timeMs: 0,
      numAllNodes: 3,
      rejected: [{ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ["node(s) had untolerated taint {dedicated: infra}"], nodes: ['n3'] }],
      feasibleNodes: ['n1', 'n2'],
      scoredNodes: ['n1', 'n2'],
      scores: [{ plugin: 'NodeResourcesFit', weight: 1, raw: [80, 90], normalized: [80, 90], weighted: [80, 90] }],
      totals: [80, 90],
      selectedNode: 'n2',
    } as never);
    expect(table.outcome).toBe('→ n2');
    expect(table.rows.map((r) => [r.node, r.verdict, r.total ?? r.reason])).toEqual([
      ['n2', 'selected', 90],
      ['n1', 'feasible', 80],
      ['n3', 'rejected', "TaintToleration: node(s) had untolerated taint {dedicated: infra}"],
    ]);
  });
});
