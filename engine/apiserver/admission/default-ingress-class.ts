/**
 * DefaultIngressClass (plugin/pkg/admission/defaultingressclass): an Ingress created without
 * spec.ingressClassName or the legacy kubernetes.io/ingress.class annotation gets the IngressClass annotated
 * ingressclass.kubernetes.io/is-default-class=true — the newest one if several are.
 */
import type { KubeObject } from '../../api/objects';
import { newestDefault } from './newest-default';
import type { AdmissionPlugin } from './types';

const IS_DEFAULT = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  async admit(a, ctx) {
    if (a.operation !== 'CREATE' || a.group !== 'networking.k8s.io' || a.resource !== 'ingresses' || a.subresource !== '') return;
    if (a.object === undefined) return;
    const ingress = a.object;
    const spec = (ingress.spec ??= {}) as { ingressClassName?: string };
    if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
    if (ingress.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION] !== undefined) return;
    const classes = await ctx.list('networking.k8s.io', 'ingressclasses');
    const def = newestDefault(classes, (c: KubeObject) => c.metadata?.annotations?.[IS_DEFAULT] === 'true');
    if (def?.metadata?.name !== undefined) spec.ingressClassName = def.metadata.name;
  },
};
