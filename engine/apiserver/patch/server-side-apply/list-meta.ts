/**
 * The schema facts server-side apply needs, asked per field path (object field names from the root; list
 * items are transparent, so `['spec','template','spec','containers']` names the containers list).
 * They come from the OpenAPI extensions x-kubernetes-list-type / -list-map-keys / -map-type. A list with no
 * listType is atomic, as upstream's schema conversion treats it; a map or struct with no mapType is granular.
 */
import { isJsonObject } from '../json-value';
import type { PathElement } from './path-element';

export interface ListMeta {
  listType?: 'atomic' | 'set' | 'map';
  mapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  /**
   * Schema defaults of list-map key fields (e.g. `{ protocol: 'TCP' }` for container ports): upstream uses
   * them when an item omits a key field, so `k:{"containerPort":80,"protocol":"TCP"}` names an item that
   * only sets containerPort.
   */
  mapKeyDefaults?: Record<string, unknown>;
}

export type ListMetaLookup = (path: readonly string[]) => ListMeta;

export class ListItemError extends Error {}

/** listItemToPathElement for an associative list: the key of a map-list item, the value of a set-list item. */
export function listItemPathElement(item: unknown, meta: ListMeta): PathElement {
  if (meta.listType === 'set') return { value: item };
  if (item === null) throw new ListItemError('associative list with keys may not have a null element');
  if (!isJsonObject(item)) throw new ListItemError('associative list with keys may not have non-map elements');
  const key: [string, unknown][] = [];
  for (const name of meta.mapKeys ?? []) {
    if (Object.prototype.hasOwnProperty.call(item, name)) key.push([name, item[name]]);
    else if (meta.mapKeyDefaults !== undefined && Object.prototype.hasOwnProperty.call(meta.mapKeyDefaults, name)) key.push([name, meta.mapKeyDefaults[name]]);
    else throw new ListItemError(`associative list with keys has an element that omits key field "${name}" (and doesn't have default value)`);
  }
  key.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { key };
}

export const isAssociative = (meta: ListMeta): boolean => meta.listType === 'set' || meta.listType === 'map';
