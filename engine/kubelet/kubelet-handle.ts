/**
 * What the API server's kubelet-backed pod subresources (log, exec, attach, portforward) and metrics.k8s.io need
 * from the kubelet of a node — the lab's in-process stand-in for the kubelet's HTTPS server on :10250.
 */
import type { ContainerRuntime } from './runtime/container-runtime';

export interface KubeletHandle {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  /** false while the kubelet is stopped or partitioned (a Fault): the API server then answers as for an unreachable kubelet. */
  reachable(): boolean;
  /** The pod's sandbox id, if the kubelet runs it. */
  sandboxId(podUid: string): string | undefined;
  /**
   * The runtime id of the named container of a pod: the current instance, or with `previous` the last terminated
   * one (`kubectl logs --previous`). undefined when there is none.
   */
  containerId(podUid: string, containerName: string, previous: boolean): string | undefined;
}

/** Finds the kubelet of a node; undefined when no kubelet runs there. */
export type KubeletDirectory = (nodeName: string) => KubeletHandle | undefined;
