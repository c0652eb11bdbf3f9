/**
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`) as evanphx/json-patch's MergePatch applies it for
 * the API server: members set to null are deleted, objects merge recursively, anything else (lists included)
 * replaces. A body that is not a JSON object is rejected with upstream's ErrBadJSONPatch text.
 */
import { parseGoJson } from '../request/go-json-syntax';
import { badPatch } from './patch-errors';
import { deepClone, isJsonObject, type JsonObject } from './json-value';

const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

/** Applies `patchText` to a copy of `doc`; `doc` is not modified. */
export function applyMergePatch(doc: unknown, patchText: string): unknown {
  const parsed = parseGoJson(patchText);
  if (!parsed.ok || !isJsonObject(parsed.value)) throw badPatch(ERR_BAD_JSON_PATCH);
  const target = isJsonObject(doc) ? deepClone(doc) : {};
  return mergeInto(target, parsed.value);
}

function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete target[key];
      continue;
    }
    const current = target[key];
    if (isJsonObject(patchValue) && isJsonObject(current)) {
      target[key] = mergeInto(current, patchValue);
    } else if (isJsonObject(current)) {
      // v4 returns a non-object patch value over an object unpruned.
      target[key] = deepClone(patchValue);
    } else {
      target[key] = pruneNulls(deepClone(patchValue));
    }
  }
  return target;
}

/** A value copied in whole from the patch keeps no null members (pruneDocNulls/pruneAryNulls). */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (isJsonObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else v[k] = pruneNulls(x);
    }
  }
  return v;
}
