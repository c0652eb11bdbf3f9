/**
 * The resources metrics-server serves under metrics.k8s.io/v1beta1, as its APIResourceList lists them:
 * NodeMetrics `nodes` (cluster-scoped) and PodMetrics `pods` (namespaced), verbs get and list only.
 */
import type { ResourceInfo } from '../resources/resource-catalog';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

function metricsResource(kind: string, plural: string, namespaced: boolean): ResourceInfo {
  return {
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    kind,
    plural,
    singular: '',
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
    kindKey: `${METRICS_GROUP}/${kind}`,
    storagePrefix: `/registry/${METRICS_GROUP}/${plural}/`,
    readOnly: true,
    virtual: true,
  };
}

export const METRICS_RESOURCES: readonly ResourceInfo[] = [metricsResource('NodeMetrics', 'nodes', false), metricsResource('PodMetrics', 'pods', true)];
