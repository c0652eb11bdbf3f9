/** A lab cluster with the lab.clusterlab.dev CRDs installed, for the Clock and Fault controller tests. */
import { labCustomResourceDefinitions } from '../../../engine/lab';
import { startHarness, type Harness } from '../controllers/node/cluster-harness';

export const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' } as const;

export async function startLabHarness(): Promise<Harness> {
  const h = await startHarness({ nodes: 2, zones: [] });
  for (const crd of labCustomResourceDefinitions()) await h.client.create(CRDS, crd);
  await h.settle();
  return h;
}
