/**
 * `kubectl describe TYPE [NAME_PREFIX…] | TYPE/NAME` — which objects (by name, else by name prefix as kubectl
 * falls back to, else all matching `-l`), then DESCRIBE's describeObjects renders them exactly as kubectl does.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import type { KubeObject } from '../../api/objects';
import { ApiClient } from '../../client/api-client';
import { ADMIN_USER } from '../../cluster/lab-cluster';
import { resourcePath } from '../discovery';
import { bool, str, type FlagSpec } from '../flags';
import type { CommandDef } from '../invocation';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { KUBECTL_USER_AGENT, type Json } from '../rest';
import { resolveResourceArgs } from '../resource-args';
import { printCollected } from '../print-errors';

export const describeCommand: CommandDef = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
    { name: 'show-events', kind: 'bool', default: true },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'chunk-size', kind: 'int', default: 500 },
  ] satisfies FlagSpec[],
  async run(inv) {
    if (inv.args.length === 0) throw new KubectlError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`, true);
    const resolved = await resolveResourceArgs(inv.discovery, inv.args);
    const objects: KubeObject[] = [];
    const errors: string[] = [];
    for (const req of resolved.requests) {
      const ns = inv.allNamespaces ? undefined : inv.namespace;
      const listAll = async () => {
        const list = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(req.mapping, ns), query: { labelSelector: str(inv.flags, 'selector') || undefined } });
        return ((list['items'] as Json[] | undefined) ?? []).map((i) => ({ apiVersion: list['apiVersion'], kind: String(list['kind']).replace(/List$/, ''), ...i }) as unknown as KubeObject);
      };
      if (req.names.length === 0) {
        objects.push(...(await listAll()));
        continue;
      }
      for (const name of req.names) {
        try {
          objects.push(await inv.rest.json<KubeObject>({ method: 'GET', path: resourcePath(req.mapping, inv.namespace, name) }));
        } catch (e) {
          if (!(e instanceof StatusError) || e.code !== 404) throw e;
          const prefixed = (await listAll()).filter((o) => (o.metadata?.name ?? '').startsWith(name));
          if (prefixed.length === 0) errors.push(statusErrorMessage(e));
          objects.push(...prefixed);
        }
      }
    }
    if (objects.length === 0 && errors.length === 0) {
      inv.ctx.stderr(inv.allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    if (objects.length > 0) {
      const { describeObjects } = await import('../describe/index');
      const client = new ApiClient(inv.ctx.handler, ADMIN_USER, KUBECTL_USER_AGENT);
      inv.ctx.stdout(await describeObjects(objects, { client, clock: inv.ctx.clock, showEvents: bool(inv.flags, 'show-events') }));
    }
    printCollected(inv.ctx.stderr, errors);
    return errors.length > 0 ? 1 : 0;
  },
};
