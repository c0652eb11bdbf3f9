/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount), pods only. On create it defaults
 * spec.serviceAccountName to `default`, rejects the pod when that ServiceAccount does not exist, copies the
 * account's imagePullSecrets when the pod has none, and — unless the pod or the account opts out with
 * automountServiceAccountToken: false — mounts a projected `kube-api-access-xxxxx` volume (bound token,
 * kube-root-ca.crt, namespace) at /var/run/secrets/kubernetes.io/serviceaccount in every container and init
 * container that has nothing mounted there yet. Mirror pods are never mutated and may not reference service
 * accounts, secrets or token projections. An account annotated kubernetes.io/enforce-mountable-secrets=true
 * limits the secrets the pod may reference to the account's own.
 */
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors';
import { admissionForbidden } from './admission-errors';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour plus 7 s, so kubelets refresh before expiry. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** corev1.ProjectedVolumeSourceDefaultMode, 0644. */
const PROJECTED_DEFAULT_MODE = 420;
/** names.SimpleNameGenerator: five characters from utilrand's alphabet (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const NAME_SUFFIX_LENGTH = 5;

interface NameRef {
  name?: string;
}
interface EnvVar {
  name?: string;
  valueFrom?: { secretKeyRef?: NameRef };
}
interface Container {
  name?: string;
  env?: EnvVar[];
  envFrom?: { secretRef?: NameRef }[];
  volumeMounts?: { name?: string; readOnly?: boolean; mountPath?: string }[];
}
interface Volume {
  name?: string;
  secret?: { secretName?: string };
  projected?: { sources?: { serviceAccountToken?: unknown; secret?: NameRef }[] };
  [source: string]: unknown;
}
interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: NameRef[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
}
interface ServiceAccount extends KubeObject {
  automountServiceAccountToken?: boolean;
  secrets?: NameRef[];
  imagePullSecrets?: NameRef[];
}

function ignores(a: AdmissionAttributes): boolean {
  if (a.group !== '' || a.resource !== 'pods') return true;
  if (a.subresource !== '' && a.subresource !== 'ephemeralcontainers') return true;
  return a.object === undefined;
}

const specOf = (pod: KubeObject): PodSpec => (pod.spec ??= {}) as PodSpec;
const isMirrorPod = (pod: KubeObject): boolean => pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;

/** The pod's account name as the internal API sees it (v1's deprecated serviceAccount converts into it). */
const accountName = (spec: PodSpec): string => spec.serviceAccountName || spec.serviceAccount || '';

async function getServiceAccount(a: AdmissionAttributes, ctx: AdmissionContext, name: string): Promise<ServiceAccount> {
  const sa = await ctx.get('', 'serviceaccounts', a.namespace, name);
  if (sa !== undefined) return sa as ServiceAccount;
  // Upstream reports the lookup with the singular resource name.
  const notFound = apiErrors.notFound({ group: '', resource: 'serviceaccount' }, name);
  throw admissionForbidden(a, `error looking up service account ${a.namespace}/${name}: ${notFound.message}`);
}

function generateVolumeName(ctx: AdmissionContext): string {
  let suffix = '';
  for (let i = 0; i < NAME_SUFFIX_LENGTH; i++) suffix += NAME_ALPHABET[ctx.random.int(NAME_ALPHABET.length)];
  return VOLUME_PREFIX + suffix;
}

/** The projected volume the plugin injects (TokenVolumeSource), in v1 JSON field order. */
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: PROJECTED_DEFAULT_MODE,
  };
}

function mountServiceAccountToken(spec: PodSpec, ctx: AdmissionContext): void {
  const existing = (spec.volumes ?? []).find((v) => v.name?.startsWith(VOLUME_PREFIX));
  const volumeName = existing?.name ?? generateVolumeName(ctx);
  let needsVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
    needsVolume = true;
  }
  if (existing === undefined && needsVolume) {
    spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() }];
  }
}

function shouldAutomount(sa: ServiceAccount, spec: PodSpec): boolean {
  if (spec.automountServiceAccountToken !== undefined) return spec.automountServiceAccountToken;
  if (sa.automountServiceAccountToken !== undefined) return sa.automountServiceAccountToken;
  return true;
}

/** podutil.VisitPodSecretNames: does anything in the pod name a secret? */
function referencesSecrets(spec: PodSpec): boolean {
  if ((spec.imagePullSecrets ?? []).length > 0) return true;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  for (const c of containers) {
    if ((c.envFrom ?? []).some((e) => e.secretRef !== undefined)) return true;
    if ((c.env ?? []).some((e) => e.valueFrom?.secretKeyRef !== undefined)) return true;
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret !== undefined) return true;
    if ((v.projected?.sources ?? []).some((s) => s.secret !== undefined)) return true;
    for (const key of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos', 'csi']) {
      const src = v[key] as { secretRef?: unknown; secretName?: unknown; nodePublishSecretRef?: unknown } | undefined;
      if (src !== undefined && (src.secretRef !== undefined || src.secretName !== undefined || src.nodePublishSecretRef !== undefined)) return true;
    }
  }
  return false;
}

function validateMirrorPod(a: AdmissionAttributes, spec: PodSpec): void {
  if (accountName(spec) !== '') throw admissionForbidden(a, 'a mirror pod may not reference service accounts');
  if (referencesSecrets(spec)) throw admissionForbidden(a, 'a mirror pod may not reference secrets');
  for (const v of spec.volumes ?? []) {
    if ((v.projected?.sources ?? []).some((s) => s.serviceAccountToken !== undefined)) {
      throw admissionForbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections');
    }
  }
}

const enforcesMountableSecrets = (sa: ServiceAccount): boolean =>
  ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(sa.metadata?.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION] ?? '');

/** limitSecretReferences: the first secret reference the account does not list, as upstream words it. */
function secretReferenceViolation(sa: ServiceAccount, spec: PodSpec): string | undefined {
  const saName = sa.metadata?.name ?? '';
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  for (const v of spec.volumes ?? []) {
    const secretName = v.secret?.secretName;
    if (v.secret !== undefined && !mountable.has(secretName)) {
      return `volume with secret.secretName="${secretName ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  const containerGroups: [Container[] | undefined, string][] = [
    [spec.initContainers, 'init container'],
    [spec.containers, 'container'],
  ];
  for (const [containers, label] of containerGroups) {
    for (const c of containers ?? []) {
      const v = envViolation(c, label, mountable, saName);
      if (v !== undefined) return v;
    }
  }
  const pullSecrets = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  for (const [i, ref] of (spec.imagePullSecrets ?? []).entries()) {
    if (!pullSecrets.has(ref.name)) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}

function envViolation(c: Container, label: string, mountable: Set<string | undefined>, saName: string): string | undefined {
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.secretKeyRef;
    if (ref !== undefined && !mountable.has(ref.name)) {
      return `${label} ${c.name ?? ''} with envVar ${env.name ?? ''} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  for (const envFrom of c.envFrom ?? []) {
    const ref = envFrom.secretRef;
    if (ref !== undefined && !mountable.has(ref.name)) {
      return `${label} ${c.name ?? ''} with envFrom referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  return undefined;
}

async function validate(a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
  if (ignores(a)) return;
  const pod = a.object as KubeObject;
  const spec = specOf(pod);
  if (a.operation === 'UPDATE' && a.subresource === 'ephemeralcontainers') {
    const name = accountName(spec);
    if (name === '') throw admissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata?.name ?? ''}`);
    const sa = await getServiceAccount(a, ctx, name);
    if (!enforcesMountableSecrets(sa)) return;
    const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
    for (const c of spec.ephemeralContainers ?? []) {
      const v = envViolation(c, 'ephemeral container', mountable, sa.metadata?.name ?? '');
      if (v !== undefined) throw admissionForbidden(a, v);
    }
    return;
  }
  if (a.operation !== 'CREATE') return;
  if (isMirrorPod(pod)) return validateMirrorPod(a, spec);
  const name = accountName(spec);
  if (name === '') throw admissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata?.name ?? ''}`);
  const sa = await getServiceAccount(a, ctx, name);
  if (enforcesMountableSecrets(sa)) {
    const v = secretReferenceViolation(sa, spec);
    if (v !== undefined) throw admissionForbidden(a, v);
  }
}

export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  async admit(a, ctx) {
    if (ignores(a) || a.operation !== 'CREATE') return;
    const pod = a.object as KubeObject;
    const spec = specOf(pod);
    // Mirror pods are the kubelet's record of a static pod; changing their spec makes the kubelet delete them.
    if (isMirrorPod(pod)) return validate(a, ctx);
    const name = accountName(spec) || DEFAULT_SERVICE_ACCOUNT_NAME;
    // v1 mirrors the name into the deprecated serviceAccount field on output.
    spec.serviceAccountName = name;
    spec.serviceAccount = name;
    const sa = await getServiceAccount(a, ctx, name);
    if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec, ctx);
    if ((spec.imagePullSecrets ?? []).length === 0 && (sa.imagePullSecrets ?? []).length > 0) {
      spec.imagePullSecrets = (sa.imagePullSecrets ?? []).map((s) => ({ name: s.name }));
    }
    return validate(a, ctx);
  },
  validate,
};
