/**
 * The files a pod's volumes present to its containers (the kubelet's volume plugins, reduced to content):
 * configMap and secret (base64-decoded; items/optional honoured), downwardAPI, projected (incl. the
 * kube-api-access-xxxxx token volume: token via TokenRequest, ca.crt, namespace), emptyDir and hostPath (empty).
 * A missing non-optional source fails the container with the kubelet's message.
 */
import type { Container, KeyToPath, Pod, Volume, VolumeProjection } from 'kubernetes-types/core/v1';
import { base64Decode } from '../../base/base64';
import type { Mount } from '../runtime/container-runtime';
import { fieldRefValue, resourceFieldValue } from '../env/field-ref';
import { ConfigLookupError, type PodConfigSource } from '../pod-config-source';

export interface VolumeContext {
  pod: Pod;
  hostIp: string;
  podIp: string;
  allocatable: Record<string, string>;
  source: PodConfigSource;
}

type Files = Record<string, string>;

/** items narrow and rename keys; a missing key fails unless optional (configmap/secret volume plugins' wording). */
function pick(data: Files, items: readonly KeyToPath[] | undefined, kind: 'ConfigMap' | 'Secret', optional: boolean): Files {
  if (!items || items.length === 0) return { ...data };
  const out: Files = {};
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      throw new ConfigLookupError(kind === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`);
    }
    out[item.path] = v;
  }
  return out;
}

async function configMapFiles(ctx: VolumeContext, name: string, items: readonly KeyToPath[] | undefined, optional: boolean): Promise<Files> {
  const ns = ctx.pod.metadata?.namespace ?? '';
  const cm = await ctx.source.configMap(ns, name);
  if (!cm) {
    if (optional) return {};
    throw new ConfigLookupError(`configmap "${name}" not found`);
  }
  const data: Files = { ...((cm['data'] as Files | undefined) ?? {}) };
  for (const [k, v] of Object.entries((cm['binaryData'] as Files | undefined) ?? {})) data[k] = base64Decode(v);
  return pick(data, items, 'ConfigMap', optional);
}

async function secretFiles(ctx: VolumeContext, name: string, items: readonly KeyToPath[] | undefined, optional: boolean): Promise<Files> {
  const ns = ctx.pod.metadata?.namespace ?? '';
  const secret = await ctx.source.secret(ns, name);
  if (!secret) {
    if (optional) return {};
    throw new ConfigLookupError(`secret "${name}" not found`);
  }
  const data: Files = {};
  for (const [k, v] of Object.entries((secret['data'] as Files | undefined) ?? {})) data[k] = base64Decode(v);
  return pick(data, items, 'Secret', optional);
}

function downwardFiles(ctx: VolumeContext, items: ReadonlyArray<{ path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: unknown } }>): Files {
  const out: Files = {};
  for (const item of items) {
    if (item.fieldRef) out[item.path] = fieldRefValue(ctx.pod, item.fieldRef.fieldPath, ctx.hostIp, ctx.podIp);
    else if (item.resourceFieldRef) {
      const c = (ctx.pod.spec?.containers ?? []).find((x) => x.name === item.resourceFieldRef?.containerName) as Container | undefined;
      if (c) out[item.path] = resourceFieldValue(c, item.resourceFieldRef.resource, item.resourceFieldRef.divisor as string | undefined, ctx.allocatable);
    }
  }
  return out;
}

async function projectionFiles(ctx: VolumeContext, p: VolumeProjection): Promise<Files> {
  if (p.configMap) return configMapFiles(ctx, p.configMap.name ?? '', p.configMap.items, p.configMap.optional === true);
  if (p.secret) return secretFiles(ctx, p.secret.name ?? '', p.secret.items, p.secret.optional === true);
  if (p.downwardAPI) return downwardFiles(ctx, p.downwardAPI.items ?? []);
  if (p.serviceAccountToken) {
    const meta = ctx.pod.metadata ?? {};
    const token = await ctx.source.token(meta.namespace ?? '', ctx.pod.spec?.serviceAccountName ?? 'default', { name: meta.name ?? '', uid: meta.uid ?? '' }, p.serviceAccountToken.expirationSeconds ?? 3600, p.serviceAccountToken.audience);
    return { [p.serviceAccountToken.path]: token };
  }
  return {};
}

export async function volumeFiles(ctx: VolumeContext, volume: Volume): Promise<Files> {
  if (volume.configMap) return configMapFiles(ctx, volume.configMap.name ?? '', volume.configMap.items, volume.configMap.optional === true);
  if (volume.secret) return secretFiles(ctx, volume.secret.secretName ?? '', volume.secret.items, volume.secret.optional === true);
  if (volume.downwardAPI) return downwardFiles(ctx, volume.downwardAPI.items ?? []);
  if (volume.projected) {
    const out: Files = {};
    for (const source of volume.projected.sources ?? []) Object.assign(out, await projectionFiles(ctx, source));
    return out;
  }
  return {}; // emptyDir, hostPath and others start empty in the simulation
}

/** The mounts of one container: each volumeMount with its volume's files (subPath narrows to one entry). */
export async function containerMounts(ctx: VolumeContext, container: Container): Promise<Mount[]> {
  const volumes = new Map((ctx.pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const cache = new Map<string, Files>();
  const mounts: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const volume = volumes.get(vm.name);
    if (!volume) continue;
    let files = cache.get(vm.name);
    if (!files) {
      files = await volumeFiles(ctx, volume);
      cache.set(vm.name, files);
    }
    if (vm.subPath) {
      const sub = vm.subPath;
      const picked: Files = {};
      for (const [k, v] of Object.entries(files)) {
        if (k === sub) picked[''] = v;
        else if (k.startsWith(`${sub}/`)) picked[k.slice(sub.length + 1)] = v;
      }
      files = picked;
    }
    // A whole-volume mount names its volume, so containers of the pod share it (an emptyDir an init container
    // fills is what the app container reads); a subPath mount is its own view.
    mounts.push({ containerPath: vm.mountPath, readOnly: vm.readOnly === true, files, ...(vm.subPath ? {} : { volumeName: vm.name }) });
  }
  return mounts;
}
