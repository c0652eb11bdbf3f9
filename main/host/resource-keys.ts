/** Resource keys of the bridge (`group/version/resource`, core `/v1/pods`) ↔ the engine's ResourceRef. */
import type { ResourceRef } from '../../engine/client/api-client';
import type { ResourceInfo } from '../bridge/contract';
import { notFound } from '../bridge/bridge-error';

export function resourceKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

export function parseResourceKey(key: string): ResourceRef {
  const [group, version, resource] = key.split('/');
  if (group === undefined || !version || !resource) throw notFound(`no resource ${JSON.stringify(key)}`);
  return { group, version, resource };
}

/** `apiVersion` of a resource key's group/version (`v1`, `apps/v1`). */
export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}
