/**
 * An approximation of the empty Go object (`r.New()`) the API server diffs a created object against when it
 * records the creator's managedFields. In Go, non-pointer struct fields (metadata, spec, status, a pod
 * template and its spec, deployment strategy, …) exist as `{}` and a non-omitempty list (PodSpec.containers)
 * exists as null, so they are "modified" rather than "added" and carry no `.` in the creator's fieldsV1 —
 * e.g. `f:spec` and `f:containers` have no `.`, while an added `f:labels` or `f:volumes` does.
 */
import { isJsonObject, type JsonObject } from '../json-value';

const POD_TEMPLATE = ['template', 'template.metadata', 'template.spec', 'template.spec.containers'];

/** Paths (dot-joined, from the root) that exist in the zero value of the common built-in kinds. */
const ZERO_VALUE_DOTTED: readonly string[] = [
  'metadata',
  'spec',
  'status',
  'spec.containers',
  ...POD_TEMPLATE.map((p) => `spec.${p}`),
  'spec.strategy',
  'spec.updateStrategy',
  'spec.jobTemplate',
  'spec.jobTemplate.metadata',
  'spec.jobTemplate.spec',
  ...POD_TEMPLATE.map((p) => `spec.jobTemplate.spec.${p}`),
];

/** The same paths split once here, since every create computes a skeleton. */
const ZERO_VALUE_PATHS: readonly (readonly string[])[] = ZERO_VALUE_DOTTED.map((dotted) => dotted.split('.'));

/** The zero-value skeleton restricted to the paths `obj` itself has (objects as `{}`, lists as null). */
export function zeroValueSkeleton(obj: unknown): JsonObject {
  const out: JsonObject = {};
  for (const path of ZERO_VALUE_PATHS) {
    let src: unknown = obj;
    let dst: JsonObject = out;
    let ok = true;
    for (let i = 0; i < path.length && ok; i++) {
      const key = path[i] as string;
      if (!isJsonObject(src) || !(key in src)) {
        ok = false;
        break;
      }
      src = src[key];
      const last = i === path.length - 1;
      if (last) {
        if (Array.isArray(src)) dst[key] = null;
        else if (isJsonObject(src)) dst[key] = dst[key] ?? {};
        else ok = false;
      } else {
        if (!isJsonObject(src)) ok = false;
        else {
          if (!isJsonObject(dst[key])) dst[key] = {};
          dst = dst[key] as JsonObject;
        }
      }
    }
  }
  return out;
}
