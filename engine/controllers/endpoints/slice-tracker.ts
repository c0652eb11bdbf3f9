/**
 * EndpointSliceTracker (k8s.io/endpointslice endpointslice_tracker.go, 1.32): the generation of every slice this
 * controller wrote, per Service, so a sync refuses to work from an informer cache that has not caught up with
 * its own writes (which would otherwise create duplicate slices), and slice events caused by its own writes do
 * not trigger another sync.
 */
import type { EndpointSliceObject } from './endpoint-types';

const DELETION_EXPECTED = -1;

function serviceKeyOf(slice: EndpointSliceObject): string | undefined {
  const name = slice.metadata?.labels?.['kubernetes.io/service-name'];
  return name === undefined ? undefined : `${slice.metadata?.namespace}/${name}`;
}

export class SliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  private generations(slice: EndpointSliceObject): Map<string, number> | undefined {
    const key = serviceKeyOf(slice);
    if (key === undefined) return undefined;
    let g = this.byService.get(key);
    if (!g) this.byService.set(key, (g = new Map()));
    return g;
  }

  /** Records a slice as written (create/update response). */
  update(slice: EndpointSliceObject): void {
    this.generations(slice)?.set(slice.metadata?.uid ?? '', slice.metadata?.generation ?? 0);
  }

  expectDeletion(slice: EndpointSliceObject): void {
    this.generations(slice)?.set(slice.metadata?.uid ?? '', DELETION_EXPECTED);
  }

  has(slice: EndpointSliceObject): boolean {
    const key = serviceKeyOf(slice);
    return key !== undefined && this.byService.get(key)?.has(slice.metadata?.uid ?? '') === true;
  }

  /** HandleDeletion: forgets the slice (informer delete); true when this controller deleted it. */
  handleDeletion(slice: EndpointSliceObject): boolean {
    const key = serviceKeyOf(slice);
    const g = key === undefined ? undefined : this.byService.get(key);
    const expected = g?.get(slice.metadata?.uid ?? '') === DELETION_EXPECTED;
    g?.delete(slice.metadata?.uid ?? '');
    return expected;
  }

  /** ShouldSync: the change was not (only) ours — unknown slice, or newer than what we wrote. */
  shouldSync(slice: EndpointSliceObject): boolean {
    const key = serviceKeyOf(slice);
    const g = key === undefined ? undefined : this.byService.get(key)?.get(slice.metadata?.uid ?? '');
    return g === undefined || (slice.metadata?.generation ?? 0) > g;
  }

  /** StaleSlices: the cache misses a slice we wrote, holds an older generation, or still holds one we deleted. */
  stale(serviceKey: string, slices: readonly EndpointSliceObject[]): boolean {
    const g = this.byService.get(serviceKey);
    if (!g) return false;
    const seen = new Set<string>();
    for (const s of slices) {
      const uid = s.metadata?.uid ?? '';
      seen.add(uid);
      const want = g.get(uid);
      if (want !== undefined && (want === DELETION_EXPECTED || want > (s.metadata?.generation ?? 0))) return true;
    }
    for (const [uid, want] of g) if (want !== DELETION_EXPECTED && !seen.has(uid)) return true;
    return false;
  }

  deleteService(serviceKey: string): void {
    this.byService.delete(serviceKey);
  }
}
