/**
 * Engine ports for host tests, standing in for engine/kubectl, engine/labs, … : small but real against the API
 * server (apply POSTs each document through the handler it is given; the lab runner reads objects through its
 * client), so the host's wiring — which cluster, which handler, which store — is what gets tested.
 */
import { parseAllDocuments } from 'yaml';
import { Emitter } from '../../../engine/base/event';
import type { KubeObject } from '../../../engine/api/objects';
import type { Status } from '../../../engine/apiserver/errors/status-error';
import type { EnginePorts } from '../../../main/host/engine-ports';
import type { LabProgress } from '../../../main/bridge/contract';

export interface FakeLab {
  id: string;
  nodes: number;
  zones: string[];
  setup: string;
  /** The step is done once a ConfigMap of this name exists in `default`. */
  wants: string;
}

const text = (s: string) => ({ en: s, 'zh-CN': s });

export function fakeEnginePorts(): EnginePorts<FakeLab> & { settledCalls: number } {
  const ports: EnginePorts<FakeLab> & { settledCalls: number } = {
    settledCalls: 0,
    async applyManifests(ctx, yaml, opts) {
      const out = [];
      let index = 0;
      for (const doc of parseAllDocuments(yaml)) {
        const obj = doc.toJS() as KubeObject;
        const namespace = obj.metadata?.namespace ?? opts.namespace ?? ctx.namespace ?? 'default';
        const path = opts.delete ? `/api/v1/namespaces/${namespace}/configmaps/${obj.metadata?.name}` : `/api/v1/namespaces/${namespace}/configmaps`;
        const res = await ctx.handler.handle({
          method: opts.delete ? 'DELETE' : 'POST',
          path,
          query: opts.dryRun ? { dryRun: ['All'] } : {},
          headers: { 'content-type': 'application/json', 'user-agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd' },
          body: opts.delete ? undefined : JSON.stringify(obj),
          user: { name: 'admin', groups: ['system:masters'] },
        });
        const body = res.kind === 'body' ? (JSON.parse(res.body) as Status) : undefined;
        const failed = res.kind === 'body' && res.status >= 400;
        out.push({
          index: index++,
          kind: obj.kind,
          name: obj.metadata?.name,
          namespace,
          ...(failed ? { status: body } : { outcome: opts.delete ? 'deleted' : 'created' }),
          message: failed ? `Error from server: ${body?.message}` : `configmap/${obj.metadata?.name} ${opts.delete ? 'deleted' : 'created'}`,
        });
      }
      return out;
    },
    diffManifests: async () => '',
    describeObjects: async (objs) => objs.map((o) => `Name:         ${o.metadata?.name}\n`).join('\n\n'),
    fieldRange: (_yaml, index, field) => ({ startLine: index + 1, startColumn: 1, endLine: index + 1, endColumn: field.length + 1 }),
    yamlSyntaxDiagnostics: (yaml) =>
      parseAllDocuments(yaml).flatMap((d) => d.errors.map((e) => ({ range: { startLine: e.linePos?.[0].line ?? 1, startColumn: e.linePos?.[0].col ?? 1, endLine: e.linePos?.[0].line ?? 1, endColumn: (e.linePos?.[0].col ?? 1) + 1 }, severity: 'error' as const, message: e.message }))),
    createTerminal: (opts) => {
      opts.write('$ ');
      return { input: (d) => opts.write(d), resize: () => {}, dispose: () => {} };
    },
    labs: {
      load: (files) => {
        const doc = parseAllDocuments(files['lab.yaml'] ?? '')[0]?.toJS() as FakeLab | undefined;
        if (!doc?.id) throw new Error('lab.yaml: id is required');
        return doc;
      },
      summary: (lab) => ({ id: lab.id, title: text(lab.id), summary: text(''), source: 'notes/x.md', steps: 1, estimatedMinutes: 5 }),
      document: (lab) => ({ ...ports.labs.summary(lab), intro: text(''), stepList: [{ id: 'create', title: text('create'), body: text('') }] }),
      clusterSpec: (lab) => ({ nodes: lab.nodes, zones: lab.zones, proxyMode: 'iptables', manifests: [lab.setup] }),
      runner: (opts) => {
        const changed = new Emitter<LabProgress>();
        let progress: LabProgress = opts.saved ?? { labId: opts.lab.id, steps: [{ id: 'create', state: 'active', checks: [] }] };
        return {
          get progress() {
            return progress;
          },
          onProgress: changed.event,
          async check() {
            await opts.whenSettled();
            const exists = await opts.client.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: opts.lab.wants }).then(
              () => true,
              () => false,
            );
            progress = { labId: opts.lab.id, steps: [{ id: 'create', state: exists ? 'done' : 'active', checks: [{ title: text('exists'), passed: exists }] }] };
            changed.fire(progress);
            return progress;
          },
          dispose: () => changed.dispose(),
        };
      },
    },
    settleMonitor: () => ({
      whenSettled: async () => {
        ports.settledCalls++;
      },
      dispose: () => {},
    }),
  };
  return ports;
}
