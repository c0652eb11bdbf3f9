/** Resource keys of the bridge (`group/version/resource`, core `/v1/pods`) ↔ the engine's ResourceRef. */
import type { ResourceRef } from '../../engine/client/api-client';
import { notFound } from '../bridge/bridge-error';

export function resourceKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

export function parseResourceKey(key: string): ResourceRef {
  const [group, version, resource] = key.split('/');
  if (group === undefined || !version || !resource) throw notFound(`no resource ${JSON.stringify(key)}`);
  return { group, version, resource };
}

