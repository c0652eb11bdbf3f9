/**
 * The patch client-side `kubectl apply` sends (k8s.io/apimachinery strategicpatch.CreateThreeWayMergePatch, and
 * jsonmergepatch.CreateThreeWayJSONMergePatch for kinds without patch metadata such as custom resources):
 * additions and changes from live → new config, plus deletions of what the last applied config had and the new
 * one dropped. Lists with a merge key are diffed by key (dropped items become `$patch: delete`, and
 * `$setElementOrder` keeps the config's order); other lists are replaced whole. `{}` means unchanged.
 */
type J = Record<string, unknown>;

export type MetaLookup = (path: readonly string[]) => { mergeKey?: string; strategy?: string };

const isMap = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function threeWayPatch(original: J | undefined, modified: J, current: J, lookup: MetaLookup | undefined): J {
  const delta = diffMaps(current, modified, [], lookup, { ignoreDeletions: true });
  const deletions = original ? diffMaps(original, modified, [], lookup, { ignoreChanges: true }) : {};
  return mergeInto(deletions, delta);
}

interface DiffOpts {
  ignoreDeletions?: boolean;
  ignoreChanges?: boolean;
}

function diffMaps(from: J, to: J, path: string[], lookup: MetaLookup | undefined, opts: DiffOpts): J {
  const patch: J = {};
  for (const [k, tv] of Object.entries(to)) {
    const fv = from[k];
    if (!(k in from)) {
      if (!opts.ignoreChanges) patch[k] = tv;
      continue;
    }
    if (isMap(fv) && isMap(tv)) {
      const sub = diffMaps(fv, tv, [...path, k], lookup, opts);
      if (Object.keys(sub).length > 0) patch[k] = sub;
      continue;
    }
    if (Array.isArray(fv) && Array.isArray(tv)) {
      const meta = lookup?.([...path, k]) ?? {};
      const strategies = (meta.strategy ?? '').split(',');
      if (lookup && meta.mergeKey && strategies.includes('merge') && tv.every(isMap) && fv.every(isMap)) {
        const r = diffMergeList(fv as J[], tv as J[], meta.mergeKey, [...path, k], lookup, opts);
        if (r.changed) {
          patch[k] = r.items;
          if (!opts.ignoreChanges || r.items.length > 0) patch[`$setElementOrder/${k}`] = (tv as J[]).map((x) => ({ [meta.mergeKey as string]: x[meta.mergeKey as string] }));
        }
        continue;
      }
      if (!opts.ignoreChanges && !deepEqual(fv, tv)) patch[k] = tv;
      continue;
    }
    if (!opts.ignoreChanges && !deepEqual(fv, tv)) patch[k] = tv;
  }
  if (!opts.ignoreDeletions) for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  return patch;
}

function diffMergeList(from: J[], to: J[], key: string, path: string[], lookup: MetaLookup, opts: DiffOpts): { items: J[]; changed: boolean } {
  const items: J[] = [];
  for (const t of to) {
    const f = from.find((x) => deepEqual(x[key], t[key]));
    if (!f) {
      if (!opts.ignoreChanges) items.push(t);
      continue;
    }
    const sub = diffMaps(f, t, path, lookup, opts);
    if (Object.keys(sub).length > 0) items.push({ [key]: t[key], ...sub });
  }
  if (!opts.ignoreDeletions) for (const f of from) if (!to.some((t) => deepEqual(t[key], f[key]))) items.push({ [key]: f[key], $patch: 'delete' });
  return { items, changed: items.length > 0 };
}

/** Merges the delta into the deletions (both are patches of the same shape). */
function mergeInto(a: J, b: J): J {
  const out: J = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const av = out[k];
    if (isMap(av) && isMap(v)) out[k] = mergeInto(av, v);
    else if (Array.isArray(av) && Array.isArray(v) && !k.startsWith('$setElementOrder/')) out[k] = [...av, ...v];
    else out[k] = v;
  }
  return out;
}
