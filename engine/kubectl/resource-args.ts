/**
 * resource.Builder's ResourceTypeOrNameArgs: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME …`, with `all` and other
 * categories expanded through discovery, in the order given.
 */
import { groupResource, type Discovery, type ResourceMapping } from './discovery';
import { KubectlError } from './kubectl-error';

export interface ResourceRequest {
  mapping: ResourceMapping;
  /** Names asked for; empty = list. */
  names: string[];
}

export interface ResolvedArgs {
  requests: ResourceRequest[];
  /** Exactly one object by name (kubectl prints it alone, not as a List). */
  singleItem: boolean;
  /** More than one resource type: names print as `kind.group/name`. */
  multipleTypes: boolean;
}

export async function resolveResourceArgs(discovery: Discovery, args: readonly string[]): Promise<ResolvedArgs> {
  if (args.length === 0) return { requests: [], singleItem: false, multipleTypes: false };
  const first = args[0] as string;
  if (first.includes('/')) {
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (name === '') throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const mapping = await discovery.resolve(type);
      const existing = requests.find((r) => r.mapping === mapping);
      if (existing) existing.names.push(name);
      else requests.push({ mapping, names: [name] });
    }
    const total = requests.reduce((n, r) => n + r.names.length, 0);
    return { requests, singleItem: total === 1, multipleTypes: total > 1 || requests.length > 1 };
  }
  const names = args.slice(1);
  for (const n of names) if (n.includes('/')) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
  const mappings: ResourceMapping[] = [];
  let expandedCategory = false;
  for (const word of first.split(',')) {
    if (word === '') continue;
    const direct = await discovery.find(word);
    if (direct) {
      if (!mappings.includes(direct)) mappings.push(direct);
      continue;
    }
    const cat = await discovery.category(word.toLowerCase());
    if (cat.length > 0) {
      expandedCategory = true;
      for (const m of cat) if (!mappings.some((x) => groupResource(x) === groupResource(m))) mappings.push(m);
      continue;
    }
    throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(word)}`);
  }
  return {
    requests: mappings.map((mapping) => ({ mapping, names: [...names] })),
    singleItem: mappings.length === 1 && names.length === 1 && !expandedCategory,
    multipleTypes: mappings.length > 1 || expandedCategory,
  };
}
