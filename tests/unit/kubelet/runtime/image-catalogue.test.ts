import { describe, expect, test } from 'vitest';
import { CATALOGUE_YAML } from '../../../../engine/kubelet/runtime/image-catalogue-data';
import { CatalogueError, defaultImageCatalogue, findImage, findProgram, loadImageCatalogue } from '../../../../engine/kubelet/runtime/image-catalogue';
import { flush, newRuntime, startPod } from './runtime-harness';

describe('image catalogue', () => {
  test('the built-in catalogue loads and every program a default command needs exists', () => {
    const cat = loadImageCatalogue(CATALOGUE_YAML);
    expect(cat.images.length).toBeGreaterThan(10);
    for (const image of cat.images) {
      const argv = [...image.entrypoint, ...image.cmd];
      const runnable = findProgram(cat, argv) !== undefined || image.shell;
      expect(runnable, `${image.repository}: ${argv.join(' ')}`).toBe(true);
    }
  });

  test('lookups: any tag for "*" repositories, listed tags otherwise', () => {
    const cat = defaultImageCatalogue();
    expect(findImage(cat, 'docker.io/library/nginx:1.14.2')?.repository).toBe('docker.io/library/nginx');
    expect(findImage(cat, 'registry.k8s.io/pause:3.10')).toBeDefined();
    expect(findImage(cat, 'registry.k8s.io/pause:0.0')).toBeUndefined();
    expect(findProgram(cat, ['/agnhost', 'liveness'])?.match).toEqual(['agnhost', 'liveness']);
    expect(findProgram(cat, ['/agnhost', 'nope'])?.match).toEqual(['agnhost']);
  });

  test('shape errors name the path', () => {
    const bad = CATALOGUE_YAML.replace('port: 6379', 'port: "6379"');
    expect(() => loadImageCatalogue(bad)).toThrow(CatalogueError);
    expect(() => loadImageCatalogue(bad)).toThrow(/^programs\[\d+\]\.listen\[0\]\.port: must be a non-negative integer$/);
    expect(() => loadImageCatalogue('images: []\nprograms: []\nbases: {}\n')).not.toThrow();
    expect(() => loadImageCatalogue('bases: {}\nprograms: []\nimages: [{repository: x, tags: ["*"], sizeBytes: 1, pullSeconds: 1, base: nope, shell: true}]')).toThrow('images[0].base: unknown base "nope"');
  });

  test('every catalogue image pulls in its pull time and starts', async () => {
    const cat = defaultImageCatalogue();
    for (const image of cat.images) {
      const { clock, runtime } = newRuntime();
      const ref = `${image.repository}:${image.tags[0] === '*' ? 'latest' : image.tags[0]}`;
      const pulled = runtime.pullImage(ref);
      clock.advance(image.pullSeconds * 1000 - 1);
      await flush();
      if (ref !== 'registry.k8s.io/pause:3.10') expect(runtime.imageStatus(ref), ref).toBeUndefined();
      clock.advance(1);
      expect((await pulled).sizeBytes).toBe(image.sizeBytes);
      const { containerId } = await startPod(clock, runtime, { image: ref });
      expect(runtime.containerStatus(containerId)?.startedAt, ref).toBeGreaterThan(0);
    }
  });
});
