/**
 * The 409 an apply with conflicts returns (managedfields/internal/conflict.go NewConflictError +
 * errors.NewApplyConflict): one FieldManagerConflict cause per conflicting field, and a message kubectl
 * prints verbatim, e.g. `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`.
 */
import { StatusError } from '../../errors';
import type { FieldPath } from './path-element';
import { pathString } from './path-element';
import type { ManagerState } from './managed-fields';

export interface Conflict {
  manager: ManagerState;
  path: FieldPath;
}

/** printManager: `"name"`, plus ` with subresource "s"`, plus ` using <apiVersion>` for Update managers. */
export function printManager(m: ManagerState): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource !== '') s = `${s} with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s = `${s} using ${m.apiVersion}`;
  return s;
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0] as Conflict;
    return `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const key = printManager(c.manager);
    const list = byManager.get(key) ?? [];
    list.push(pathString(c.path));
    byManager.set(key, list);
  }
  // Upstream sorts the raw manager identifiers; those are JSON objects starting with the manager name, so
  // sorting by the printed name gives the same order for distinct names.
  const lines: string[] = [];
  for (const key of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${key}:`);
    for (const p of byManager.get(key) ?? []) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function applyConflictError(conflicts: readonly Conflict[]): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: conflictMessage(conflicts),
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) })),
    },
    code: 409,
  });
}
