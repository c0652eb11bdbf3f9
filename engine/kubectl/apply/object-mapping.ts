/**
 * From a manifest object to where it lives: its resource mapping (through discovery), its namespace (the
 * object's, else `-n`, else the context's; kubectl rejects a mismatch with an explicit `-n`), and how kubectl
 * names it in messages (`deployment.apps/web`).
 */
import type { Discovery, ResourceMapping } from '../discovery';
import { kindPrefix } from '../discovery';
import { KubectlError } from '../kubectl-error';
import type { Json } from '../rest';

export interface PlacedObject {
  mapping: ResourceMapping;
  object: Json;
  name: string;
  namespace: string | undefined;
  /** `deployment.apps/web` */
  display: string;
}

export async function placeObject(discovery: Discovery, object: Json, namespace: string, namespaceExplicit: boolean, source: string): Promise<PlacedObject> {
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  if (kind === '') throw new KubectlError(`error validating "${source}": error validating data: kind not set`);
  if (apiVersion === '') throw new KubectlError(`error validating "${source}": error validating data: apiVersion not set`);
  let mapping = await discovery.forKind(apiVersion, kind);
  if (!mapping) {
    discovery.invalidate();
    mapping = await discovery.forKind(apiVersion, kind);
  }
  if (!mapping) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    throw new KubectlError(
      `resource mapping not found for name: ${JSON.stringify(metaName(object))} namespace: ${JSON.stringify(metaNamespace(object) ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(group ? `${group}/${version}` : version)}\nensure CRDs are installed first`,
    );
  }
  const meta = (object['metadata'] ??= {}) as Json;
  let ns: string | undefined;
  if (mapping.namespaced) {
    const own = metaNamespace(object);
    if (own && namespaceExplicit && own !== namespace) {
      throw new KubectlError(`the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(namespace)}. You must pass '--namespace=${own}' to perform this operation.`);
    }
    ns = own || namespace;
    meta['namespace'] = ns;
  }
  const name = metaName(object);
  return { mapping, object, name, namespace: ns, display: `${kindPrefix(mapping)}/${name}` };
}

function metaName(o: Json): string {
  return String(((o['metadata'] as Json | undefined)?.['name'] as string | undefined) ?? '');
}
function metaNamespace(o: Json): string | undefined {
  return (o['metadata'] as Json | undefined)?.['namespace'] as string | undefined;
}
