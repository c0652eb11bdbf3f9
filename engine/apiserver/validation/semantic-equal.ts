/**
 * apiequality.Semantic.DeepEqual over JSON: upstream compares Go structs, where an absent field, a nil
 * slice/map and an empty one are the same, and a non-pointer string/bool is "" / false when absent. JSON
 * loses that distinction, so absent ≡ null ≡ [] ≡ {} ≡ "" ≡ false here. Numbers are never defaulted this
 * way because most numeric API fields are pointers (nil ≠ 0).
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => semanticDeepEqual(v, b[i]));
  }
  if (typeof a === 'object') {
    if (Array.isArray(b)) return false;
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticDeepEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

function isEmptyish(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every((x) => x === undefined);
  return false;
}
