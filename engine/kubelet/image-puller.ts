/**
 * EnsureImageExists (pkg/kubelet/images/image_manager.go): imagePullPolicy decides whether to pull; pulls are
 * announced with Pulling/Pulled events; a failed pull backs off per (pod, image) 10 s doubling to 300 s, during
 * which the container waits in ImagePullBackOff with `Back-off pulling image "x"`.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../base/clock';
import type { ObjectReference } from '../client/event-recorder';
import type { KubeletEvents } from './gated-event-recorder';
import { Backoff, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS } from './backoff';
import { goDuration } from './go-duration';
import { ImagePullError, type ContainerRuntime } from './runtime/container-runtime';

export type PullOutcome = { ok: true } | { ok: false; reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull'; message: string };

export class ImagePuller {
  readonly backoff: Backoff;

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly clock: Clock,
    private readonly recorder: KubeletEvents,
  ) {
    this.backoff = new Backoff(clock, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS);
  }

  async ensure(pod: Pod, container: Container, ref: ObjectReference): Promise<PullOutcome> {
    const image = container.image ?? '';
    const policy = container.imagePullPolicy ?? (image.endsWith(':latest') || !/:[^/]+$/.test(image) ? 'Always' : 'IfNotPresent');
    const present = this.runtime.imageStatus(image);
    const shouldPull = policy === 'Always' || (policy === 'IfNotPresent' && !present);
    if (!shouldPull) {
      if (!present) {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        void this.recorder.event(ref, 'Warning', 'ErrImageNeverPull', message);
        return { ok: false, reason: 'ErrImageNeverPull', message };
      }
      void this.recorder.event(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return { ok: true };
    }
    const key = `${pod.metadata?.uid}_${image}`;
    const now = this.clock.now();
    if (this.backoff.isInBackOffSinceUpdate(key, now)) {
      const message = `Back-off pulling image "${image}"`;
      void this.recorder.event(ref, 'Normal', 'BackOff', message);
      return { ok: false, reason: 'ImagePullBackOff', message };
    }
    void this.recorder.event(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const started = this.clock.now();
    try {
      const info = await this.runtime.pullImage(image);
      const took = goDuration(this.clock.now() - started);
      void this.recorder.event(ref, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${info.sizeBytes} bytes.`);
      return { ok: true };
    } catch (err) {
      const detail = err instanceof ImagePullError ? err.message : String((err as Error).message ?? err);
      const message = `Failed to pull image "${image}": ${detail}`;
      void this.recorder.event(ref, 'Warning', 'Failed', message);
      this.backoff.next(key, this.clock.now());
      return { ok: false, reason: 'ErrImagePull', message };
    }
  }
}
