/**
 * ImageLocality (plugins/imagelocality): favours nodes that already hold the pod's images. Each image present
 * adds its size scaled by the share of nodes that have it (spread), the sum is clamped to
 * [23 MiB, 1000 MiB × containers] and mapped linearly onto 0..100. Init containers count too.
 */
import type { KubeObject } from '../../api/objects';
import { MAX_NODE_SCORE, Status, type Handle, type ImageStateSummary, type NodeInfo, type ScorePlugin } from '../framework/interface';

export const ImageLocalityName = 'ImageLocality';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: a reference without a tag gets `:latest` (a digest or a registry port is not a tag). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  return Math.trunc(state.size * (state.numNodes / totalNumNodes));
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = sumScores < MIN_THRESHOLD ? MIN_THRESHOLD : sumScores > maxThreshold ? maxThreshold : sumScores;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** The normalized image of every init and app container (a pod object is immutable, so computed once per pod). */
const podImages = new WeakMap<KubeObject, string[]>();
function imagesOf(pod: KubeObject): string[] {
  let images = podImages.get(pod);
  if (!images) {
    const spec = pod['spec'] as { containers?: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> } | undefined;
    images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    podImages.set(pod, images);
  }
  return images;
}

export function newImageLocality(_args: Record<string, unknown> | undefined, handle: Handle): ScorePlugin {
  return {
    name: ImageLocalityName,
    score(_state, pod: KubeObject, nodeInfo: NodeInfo) {
      const images = imagesOf(pod);
      const totalNumNodes = handle.snapshot().list().length;
      let sum = 0;
      if (nodeInfo.imageStates.size > 0 && totalNumNodes > 0) {
        for (const image of images) {
          const state = nodeInfo.imageStates.get(image);
          if (state) sum += scaledImageScore(state, totalNumNodes);
        }
      }
      return { score: calculatePriority(sum, images.length), status: Status.success() };
    },
  };
}
