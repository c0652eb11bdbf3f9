/**
 * How DefaultStorageClass and DefaultIngressClass choose among several classes marked default (since 1.26):
 * the newest by creationTimestamp, ties broken by name ascending.
 */
import type { KubeObject } from '../../api/objects';

export function newestDefault(classes: readonly KubeObject[], isDefault: (c: KubeObject) => boolean): KubeObject | undefined {
  const created = (c: KubeObject): number => Date.parse(c.metadata?.creationTimestamp ?? '') || 0;
  const name = (c: KubeObject): string => c.metadata?.name ?? '';
  return classes
    .filter(isDefault)
    .sort((x, y) => created(y) - created(x) || (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0))[0];
}
