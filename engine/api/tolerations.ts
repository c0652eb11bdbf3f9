/**
 * core/v1 Taint and Toleration, and Toleration.ToleratesTaint (k8s.io/api core/v1 toleration.go): the one
 * matching rule the scheduler, the node controllers and taint-based eviction share.
 */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  /** RFC 3339; the node controllers set it on the taints they add. */
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/**
 * An empty effect matches every effect and an empty key (with Exists) every key; operator Equal (or empty)
 * compares values, Exists ignores them, any other operator matches nothing (1.32 has no others).
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}
