/**
 * Image references normalized as docker/containerd do (distribution/reference ParseNormalizedNamed):
 * `nginx` → `docker.io/library/nginx:latest`, `bitnami/redis` → `docker.io/bitnami/redis:latest`,
 * `registry.k8s.io/pause:3.10` unchanged. A first path component counts as a registry host when it contains
 * `.` or `:` or is `localhost`.
 */
import { sha256Hex } from './sha256';

export interface ImageReference {
  /** Repository without tag/digest: `docker.io/library/nginx`. */
  repository: string;
  /** `latest` when neither tag nor digest was given; undefined for digest-only references. */
  tag: string | undefined;
  digest: string | undefined;
  /** The full normalized reference: `docker.io/library/nginx:latest` or `…@sha256:…`. */
  normalized: string;
}

export function parseImageReference(ref: string): ImageReference {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && !rest.includes('/')) repository = `docker.io/library/${rest}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  const normalized = `${repository}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { repository, tag, digest, normalized };
}

/** A stable fake manifest digest for a normalized reference (`sha256:` + 64 hex). */
export function fakeRepoDigest(normalized: string): string {
  return `sha256:${sha256Hex(`repo-digest:${normalized}`)}`;
}

/** A stable fake image (config) id for a normalized reference. */
export function fakeImageId(normalized: string): string {
  return `sha256:${sha256Hex(`image-id:${normalized}`)}`;
}
