/**
 * Where metrics.k8s.io reads its numbers: the lab's stand-in for metrics-server's scrape of every kubelet's
 * resource endpoint. Given to createApiServer; without one the metrics API is not served (a cluster without
 * metrics-server: `kubectl top` says `error: Metrics API not available`).
 */
export interface NodeMetricsSample {
  node: string;
  /** Virtual ms the sample was taken. */
  timestamp: number;
  windowSeconds: number;
  cpuNanoCores: number;
  memoryBytes: number;
}

export interface PodMetricsSample {
  namespace: string;
  pod: string;
  timestamp: number;
  windowSeconds: number;
  containers: Array<{ name: string; cpuNanoCores: number; memoryBytes: number }>;
}

export interface MetricsSource {
  nodeMetrics(): NodeMetricsSample[];
  /** Every namespace when `namespace` is undefined. */
  podMetrics(namespace?: string): PodMetricsSample[];
}
