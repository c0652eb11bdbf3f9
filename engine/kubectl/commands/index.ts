/** The command table, in kubectl's registration order (cobra lists suggestions in this order). */
import type { CommandDef } from '../invocation';
import { applyCommand, diffCommand } from './apply';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { explainCommand } from './explain';
import { getCommand } from './get';
import { waitCommand } from './wait';
import { exposeCommand, runCommand, taintCommand } from './workload-shortcuts';
import { cordonCommand, drainCommand, uncordonCommand } from './node-commands';
import { execCommand, logsCommand } from './pod-commands';
import { topCommand } from './top';
import { apiResourcesCommand, apiVersionsCommand, authCommand, clusterInfoCommand, configCommand, versionCommand } from './info';
import { annotateCommand, labelCommand } from './label';
import { patchCommand } from './patch';
import { rolloutCommand } from './rollout';
import { scaleCommand } from './scale';
import { setCommand } from './set-image';

export const COMMAND_ORDER = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate',
  'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];

const DEFS: CommandDef[] = [getCommand, applyCommand, createCommand, deleteCommand, labelCommand, annotateCommand, patchCommand, scaleCommand, rolloutCommand, setCommand, versionCommand, apiVersionsCommand, apiResourcesCommand, clusterInfoCommand, configCommand, authCommand, logsCommand, execCommand, topCommand, cordonCommand, uncordonCommand, drainCommand, waitCommand, describeCommand, diffCommand, explainCommand, runCommand, exposeCommand, taintCommand];

export const COMMANDS = new Map<string, CommandDef>();
for (const d of DEFS) {
  COMMANDS.set(d.name, d);
  for (const a of d.aliases ?? []) COMMANDS.set(a, d);
}
