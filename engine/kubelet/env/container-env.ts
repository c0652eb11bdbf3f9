/**
 * A container's environment as kubelet_pods.go makeEnvironmentVariables builds it: envFrom (ConfigMaps and
 * Secrets, with prefix), then env (value with $(VAR) expansion, configMapKeyRef, secretKeyRef, fieldRef,
 * resourceFieldRef), then the service variables not already set. A missing ConfigMap/Secret/key that is not
 * optional fails with the kubelet's message, which becomes CreateContainerConfigError.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { base64Decode } from '../../base/base64';
import { ConfigLookupError, type PodConfigSource } from '../pod-config-source';
import { expand } from './expand';
import { fieldRefValue, resourceFieldValue } from './field-ref';
import { serviceEnv } from './service-env';

export interface EnvContext {
  pod: Pod;
  container: Container;
  hostIp: string;
  podIp: string;
  allocatable: Record<string, string>;
  source: PodConfigSource;
}

type Data = Record<string, string>;

async function configMapData(ctx: EnvContext, name: string, optional: boolean): Promise<Data | undefined> {
  const ns = ctx.pod.metadata?.namespace ?? '';
  const cm = await ctx.source.configMap(ns, name);
  if (!cm) {
    if (optional) return undefined;
    throw new ConfigLookupError(`configmap "${name}" not found`);
  }
  const data: Data = { ...((cm['data'] as Data | undefined) ?? {}) };
  for (const [k, v] of Object.entries((cm['binaryData'] as Data | undefined) ?? {})) data[k] = base64Decode(v);
  return data;
}

async function secretData(ctx: EnvContext, name: string, optional: boolean): Promise<Data | undefined> {
  const ns = ctx.pod.metadata?.namespace ?? '';
  const secret = await ctx.source.secret(ns, name);
  if (!secret) {
    if (optional) return undefined;
    throw new ConfigLookupError(`secret "${name}" not found`);
  }
  const data: Data = {};
  for (const [k, v] of Object.entries((secret['data'] as Data | undefined) ?? {})) data[k] = base64Decode(v);
  return data;
}

export async function containerEnv(ctx: EnvContext): Promise<Array<{ name: string; value: string }>> {
  const { pod, container } = ctx;
  const ns = pod.metadata?.namespace ?? '';
  const result = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const data = await configMapData(ctx, from.configMapRef.name ?? '', from.configMapRef.optional === true);
      for (const [k, v] of Object.entries(data ?? {})) result.set(prefix + k, v);
    } else if (from.secretRef) {
      const data = await secretData(ctx, from.secretRef.name ?? '', from.secretRef.optional === true);
      for (const [k, v] of Object.entries(data ?? {})) result.set(prefix + k, v);
    }
  }

  const services = pod.spec?.enableServiceLinks === false ? [] : await ctx.source.services(ns);
  const svcEnv = new Map(serviceEnv(services).map((e) => [e.name, e.value]));
  const lookup = (name: string) => result.get(name) ?? svcEnv.get(name);

  for (const env of container.env ?? []) {
    const from = env.valueFrom;
    if (!from) {
      result.set(env.name, expand(env.value ?? '', lookup));
      continue;
    }
    if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const optional = ref.optional === true;
      const data = await configMapData(ctx, ref.name ?? '', optional);
      if (!data) continue;
      const value = data[ref.key];
      if (value === undefined) {
        if (optional) continue;
        throw new ConfigLookupError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
      }
      result.set(env.name, value);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const optional = ref.optional === true;
      const data = await secretData(ctx, ref.name ?? '', optional);
      if (!data) continue;
      const value = data[ref.key];
      if (value === undefined) {
        if (optional) continue;
        throw new ConfigLookupError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
      }
      result.set(env.name, value);
    } else if (from.fieldRef) {
      result.set(env.name, fieldRefValue(pod, from.fieldRef.fieldPath, ctx.hostIp, ctx.podIp));
    } else if (from.resourceFieldRef) {
      const target = from.resourceFieldRef.containerName
        ? ([...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === from.resourceFieldRef?.containerName) ?? container)
        : container;
      result.set(env.name, resourceFieldValue(target, from.resourceFieldRef.resource, from.resourceFieldRef.divisor as string | undefined, ctx.allocatable));
    }
  }

  for (const [k, v] of svcEnv) if (!result.has(k)) result.set(k, v);
  return [...result].map(([name, value]) => ({ name, value }));
}

/** command/args with $(VAR) expanded against the final environment (ExpandContainerCommandAndArgs). */
export function expandCommand(container: Container, env: Array<{ name: string; value: string }>): { command: string[]; args: string[] } {
  const map = new Map(env.map((e) => [e.name, e.value]));
  const lookup = (n: string) => map.get(n);
  return { command: (container.command ?? []).map((c) => expand(c, lookup)), args: (container.args ?? []).map((a) => expand(a, lookup)) };
}
