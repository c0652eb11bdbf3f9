/**
 * The real engine behind the host's ports (engine-ports.ts). `satisfies EnginePorts<Lab>` checks, at compile
 * time, that engine/kubectl, engine/kubectl/describe, engine/api/yaml-field-positions, engine/labs and the
 * settle monitor still have the shapes the host relies on.
 */
import { applyManifests, diffManifests, TerminalSession } from '../../engine/kubectl';
import { describeObjects } from '../../engine/kubectl/describe';
import { fieldRange, yamlSyntaxDiagnostics } from '../../engine/api/yaml-field-positions';
import { labClusterSpec, labDocument, LabRunner, labSummary, loadLab, type Lab } from '../../engine/labs';
import { SettleMonitor } from '../../engine/cluster/settle-monitor';
import type { EnginePorts } from './engine-ports';

export const engineServices = {
  applyManifests: (ctx, yaml, opts) => applyManifests(ctx, yaml, opts),
  diffManifests: (ctx, yaml, opts) => diffManifests(ctx, yaml, opts),
  describeObjects: (objs, ctx) => describeObjects(objs, ctx),
  fieldRange: (text, index, path) => fieldRange(text, index, path),
  yamlSyntaxDiagnostics: (text) => yamlSyntaxDiagnostics(text),
  createTerminal: (opts) => new TerminalSession(opts),
  labs: {
    load: (files) => loadLab(files),
    summary: (lab) => labSummary(lab),
    document: (lab) => labDocument(lab),
    clusterSpec: (lab) => labClusterSpec(lab),
    runner: (opts) => new LabRunner(opts),
  },
  settleMonitor: (opts) => new SettleMonitor(opts),
} satisfies EnginePorts<Lab>;
