/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle): default, kube-system and
 * kube-public may not be deleted; nothing namespaced may be created or updated in a namespace that does not
 * exist; nothing may be created in one that is Terminating. Namespaces themselves, cluster-scoped objects,
 * deletes of namespaced objects and LocalSubjectAccessReviews always pass. Events get no exemption.
 */
import { apiErrors } from '../errors';
import { admissionForbidden } from './admission-errors';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

const isNamespaceKind = (a: AdmissionAttributes): boolean => a.group === '' && a.kind === 'Namespace';
const isAccessReview = (a: AdmissionAttributes): boolean => a.group === 'authorization.k8s.io' && a.resource === 'localsubjectaccessreviews';

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  async admit(a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
    if (a.operation === 'CONNECT') return;
    if (a.operation === 'DELETE' && isNamespaceKind(a) && IMMORTAL_NAMESPACES.has(a.name)) {
      throw apiErrors.forbidden({ group: a.group, resource: a.resource }, a.name, 'this namespace may not be deleted');
    }
    if (isNamespaceKind(a) || a.namespace === '') return;
    if (a.operation === 'DELETE' || isAccessReview(a)) return;

    const ns = await ctx.get('', 'namespaces', '', a.namespace);
    if (ns === undefined) throw apiErrors.notFound({ group: '', resource: 'namespaces' }, a.namespace);
    if (a.operation !== 'CREATE') return;
    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    if (phase !== 'Terminating') return;
    throw admissionForbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`, [
      { reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' },
    ]);
  },
};
