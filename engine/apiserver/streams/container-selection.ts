/**
 * Which container a log / exec / attach request means, with upstream's answers when it cannot be told:
 * the API server's validateContainer (pkg/registry/core/pod/strategy.go) and the kubelet's
 * validateContainerLogStatus (pkg/kubelet/kubelet_pods.go), whose errors the API server relays as 400s.
 */
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors/status-error';

interface NamedContainer {
  name?: string;
}

interface PodSpecContainers {
  initContainers?: NamedContainer[];
  containers?: NamedContainer[];
  ephemeralContainers?: NamedContainer[];
}

interface ContainerStateShape {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { containerID?: string };
}

interface ContainerStatusShape {
  name?: string;
  containerID?: string;
  state?: ContainerStateShape;
  lastState?: ContainerStateShape;
}

/** Every container name in podutil.VisitContainers order: init, regular, ephemeral. */
function allContainerNames(pod: KubeObject): string[] {
  const spec = (pod['spec'] ?? {}) as PodSpecContainers;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name ?? '');
}

/**
 * The container a request names, or the pod's only regular container when it names none.
 * Throws upstream's 400s: `a container name must be specified for pod web, choose one of: [a b]` and
 * `container x is not valid for pod web`.
 */
export function selectContainer(pod: KubeObject, requested: string): string {
  const podName = pod.metadata?.name ?? '';
  if (requested === '') {
    const regular = ((pod['spec'] ?? {}) as PodSpecContainers).containers ?? [];
    if (regular.length === 1) return regular[0]?.name ?? '';
    if (regular.length === 0) throw apiErrors.badRequest(`a container name must be specified for pod ${podName}`);
    // Go's %s of a []string: space-separated inside brackets.
    throw apiErrors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${allContainerNames(pod).join(' ')}]`);
  }
  if (!allContainerNames(pod).includes(requested)) throw apiErrors.badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

/** Which instance of a container the kubelet reads logs from. */
export type LogInstance = 'current' | 'previous';

/**
 * The kubelet's choice of container instance for logs, from the pod's status: with `previous`, the last
 * terminated one; otherwise the running one, else the terminated one, else the last terminated one.
 * Throws the kubelet's error text as a 400, the way the API server relays it.
 */
export function logInstance(pod: KubeObject, container: string, previous: boolean): LogInstance {
  const podName = pod.metadata?.name ?? '';
  const q = JSON.stringify;
  const status = (pod['status'] ?? {}) as { containerStatuses?: ContainerStatusShape[]; initContainerStatuses?: ContainerStatusShape[]; ephemeralContainerStatuses?: ContainerStatusShape[] };
  const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find((s) => s.name === container);
  if (!cs) throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is not available`);
  const last = cs.lastState?.terminated;
  const state = cs.state ?? {};
  if (previous) {
    if (!last || !last.containerID) throw apiErrors.badRequest(`previous terminated container ${q(container)} in pod ${q(podName)} not found`);
    return 'previous';
  }
  if (state.running) return 'current';
  if (state.terminated) {
    if (state.terminated.containerID) return 'current';
    if (last?.containerID) return 'previous';
    throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
  }
  if (last) {
    if (!last.containerID) throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
    return 'previous';
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? '';
    if (reason === 'ErrImagePull') throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start: trying and failing to pull image`);
    throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start: ${reason}`);
  }
  throw apiErrors.badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet`);
}
