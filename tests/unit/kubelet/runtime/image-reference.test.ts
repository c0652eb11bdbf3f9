import { describe, expect, test } from 'vitest';
import { fakeImageId, fakeRepoDigest, parseImageReference } from '../../../../engine/kubelet/runtime/image-reference';
import { sha256Hex } from '../../../../engine/kubelet/runtime/sha256';
import { createHash } from 'node:crypto';

describe('image references', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
  ])('%s → %s', (ref, normalized) => {
    expect(parseImageReference(ref).normalized).toBe(normalized);
  });

  test('digest references keep the digest and get no tag', () => {
    const r = parseImageReference('nginx@sha256:0123');
    expect(r).toMatchObject({ repository: 'docker.io/library/nginx', tag: undefined, digest: 'sha256:0123' });
  });

  test('sha256 matches node:crypto and digests are stable per name', () => {
    for (const s of ['', 'abc', 'docker.io/library/nginx:latest', 'ü'.repeat(100)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    expect(fakeRepoDigest('docker.io/library/nginx:latest')).toBe(fakeRepoDigest('docker.io/library/nginx:latest'));
    expect(fakeRepoDigest('docker.io/library/nginx:latest')).not.toBe(fakeRepoDigest('docker.io/library/nginx:1.27'));
    expect(fakeImageId('docker.io/library/nginx:latest')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
