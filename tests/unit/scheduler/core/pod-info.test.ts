/**
 * PodInfo's effective request, as resourcehelper.PodRequests computes it (KEP-753 sidecars: restartable init
 * containers run next to everything after them) and schedutil's non-zero defaults (100m, 200Mi).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';

const c = (cpu?: string, memory?: string, restartPolicy?: string) => {
  const requests: Record<string, string> = {};
  if (cpu) requests['cpu'] = cpu;
  if (memory) requests['memory'] = memory;
  return { name: 'x', image: 'i', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) };
};
const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns1' }, spec });

describe('newPodInfo', () => {
  it('sums app containers and takes the max with init containers, plus overhead', () => {
    const info = newPodInfo(pod({ containers: [c('100m', '1Gi'), c('200m', '1Gi')], initContainers: [c('500m', '1Mi')], overhead: { cpu: '10m', memory: '1Ki' } }));
    expect(info.request.milliCPU).toBe(510);
    expect(info.request.memory).toBe(2 * 1024 ** 3 + 1024);
  });

  it('counts sidecars (restartPolicy Always) alongside app containers and later init containers', () => {
    // init: sidecar 1 cpu, then a regular 2 cpu one (runs next to the sidecar: 3); app: 1 cpu + sidecar = 2 → max 3.
    const info = newPodInfo(pod({ containers: [c('1')], initContainers: [c('1', undefined, 'Always'), c('2')] }));
    expect(info.request.milliCPU).toBe(3000);
    // A regular init container before the sidecar does not run next to it.
    const before = newPodInfo(pod({ containers: [c('1')], initContainers: [c('2'), c('1', undefined, 'Always')] }));
    expect(before.request.milliCPU).toBe(2000);
  });

  it('uses 100m / 200Mi for missing requests only in the non-zero request; explicit 0 stays 0', () => {
    const info = newPodInfo(pod({ containers: [c(), c('0', '0')] }));
    expect(info.request).toMatchObject({ milliCPU: 0, memory: 0 });
    expect(info.nonZeroRequest).toEqual({ milliCPU: 100, memory: 200 * 1024 * 1024 });
  });

  it('parses affinity terms; namespaces default to the pod namespace only without a namespaceSelector', () => {
    const info = newPodInfo(
      pod({
        containers: [c()],
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' }] },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {}, topologyKey: 'kubernetes.io/hostname' } }],
          },
        },
      }),
    );
    const [req] = info.requiredAffinityTerms;
    expect([...req!.namespaces]).toEqual(['ns1']);
    expect(req!.selector({ app: 'db' })).toBe(true);
    expect(req!.selector({ app: 'web' })).toBe(false);
    const [pref] = info.preferredAntiAffinityTerms;
    expect(pref!.weight).toBe(5);
    expect([...pref!.namespaces]).toEqual([]);
    expect(pref!.namespaceSelector({ anything: 'x' })).toBe(true); // {} selects every namespace
  });
});
