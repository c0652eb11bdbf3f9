/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (kubectl/pkg/cmd/set/set_image.go): updates the named
 * containers (or every one with `*=IMAGE`) of the pod template — or of a Pod — by a strategic merge patch;
 * `image updated`.
 */
import { kindPrefix, resourcePath } from '../discovery';
import { str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';

function podSpecPath(kind: string): string[] {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

function nest(path: string[], leaf: Json): Json {
  return path.reduceRight<Json>((acc, k) => ({ [k]: acc }), leaf);
}

const imageCmd: CommandDef = {
  name: 'image',
  flags: [
    { name: 'all', kind: 'bool', default: false },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-set' },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'local', kind: 'bool', default: false },
  ] satisfies FlagSpec[],
  async run(inv: Invocation): Promise<number> {
    const resources = inv.args.filter((a) => !a.includes('='));
    const pairs = inv.args.filter((a) => a.includes('='));
    if (pairs.length === 0) throw new KubectlError(`error: at least one image update is required\nSee '${inv.commandPath} -h' for help and examples\n`, true);
    const images = new Map(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
    const targets = await targetObjects(inv, resources, { selector: str(inv.flags, 'selector') });
    for (const t of targets) {
      if (t.error) throw t.error;
      const path = podSpecPath(t.mapping.kind);
      let spec: Json | undefined = t.object;
      for (const k of path) spec = spec?.[k] as Json | undefined;
      const patchSpec: Json = {};
      for (const field of ['initContainers', 'containers'] as const) {
        const containers = (spec?.[field] as Json[] | undefined) ?? [];
        const changed = containers.filter((c) => images.has(c['name'] as string) || images.has('*')).map((c) => ({ name: c['name'], image: images.get(c['name'] as string) ?? images.get('*') }));
        if (changed.length > 0) patchSpec[field] = changed;
      }
      for (const name of images.keys()) {
        if (name === '*') continue;
        const all = [...((spec?.['containers'] as Json[] | undefined) ?? []), ...((spec?.['initContainers'] as Json[] | undefined) ?? [])];
        if (!all.some((c) => c['name'] === name)) {
          inv.ctx.stderr(`error: unable to find container named ${JSON.stringify(name)}\n`);
          return 1;
        }
      }
      await inv.rest.json({
        method: 'PATCH',
        path: resourcePath(t.mapping, t.namespace, t.name),
        query: { fieldManager: str(inv.flags, 'field-manager'), ...(str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {}) },
        contentType: 'application/strategic-merge-patch+json',
        body: JSON.stringify(nest(path, patchSpec)),
      });
      inv.ctx.stdout(`${kindPrefix(t.mapping)}/${t.name} image updated\n`);
    }
    return 0;
  },
};

export const setCommand: CommandDef = { name: 'set', flags: [], subcommands: [imageCmd] };
