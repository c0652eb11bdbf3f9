import { describe, expect, it } from 'vitest';
import { newImageLocality, normalizedImageName } from '../../../../engine/scheduler/plugins/image-locality';
import type { ImageStateSummary } from '../../../../engine/scheduler/framework/interface';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, runScore } from './fixtures';

const MB = 1024 * 1024;
const images = (entries: Array<[string, number, number]>) => new Map<string, ImageStateSummary>(entries.map(([n, size, numNodes]) => [n, { size: size * MB, numNodes }]));

// Upstream: imagelocality/image_locality_test.go TestImageLocalityPriority.
describe('ImageLocality', () => {
  it('two images spread on two nodes, prefer the larger image one', () => {
    const pod = makePod('p', { containers: [{ name: 'a', image: 'gcr.io/40' }, { name: 'b', image: 'gcr.io/140' }] });
    const node1 = makeNodeInfo(makeNode('node1'), [], images([['gcr.io/40:latest', 40, 1], ['gcr.io/300:latest', 300, 1]]));
    const node2 = makeNodeInfo(makeNode('node2'), [], images([['gcr.io/140:latest', 140, 1], ['gcr.io/2000:latest', 2000, 1]]));
    const snapshot = makeSnapshot([node1, node2]);
    // node1: 40M × 1/2 = 20M < 23M → 0. node2: 100 × (140M × 1/2 − 23M) / (1000M × 2 − 23M) = 2.
    expect(runScore(newImageLocality(undefined, makeHandle(snapshot)), pod, [node1, node2])?.map((s) => s.score)).toEqual([0, 2]);
  });
  it('an image bigger than the per-container cap scores 100; a missing one 0', () => {
    const pod = makePod('p', { containers: [{ name: 'a', image: 'gcr.io/3000' }] });
    const node1 = makeNodeInfo(makeNode('node1'), [], images([['gcr.io/3000:latest', 3000, 1]]));
    const node2 = makeNodeInfo(makeNode('node2'));
    expect(runScore(newImageLocality(undefined, makeHandle(makeSnapshot([node1]))), pod, [node1, node2])?.map((s) => s.score)).toEqual([100, 0]);
  });
  it('normalizedImageName adds :latest only when the reference has no tag', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('localhost:5000/nginx')).toBe('localhost:5000/nginx:latest');
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25');
  });
});
