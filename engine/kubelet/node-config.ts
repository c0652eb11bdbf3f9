/** What the lab tells a kubelet about the machine it pretends to run on. */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeConfig {
  name: string;
  /**
   * The node's number, 1-based (node-1 → 1): InternalIP 172.18.0.<index + 2>, as kind numbers its containers
   * (.1 the Docker network gateway, .2 the control plane).
   */
  index: number;
  zone: string;
  region: string;
  /** Quantities as capacity shows them: cpu '4', memory '16Gi'. */
  cpu: string;
  memory: string;
  pods: number;
  ephemeralStorage?: string;
  labels?: Record<string, string>;
  /** Registered with the Node (kubelet --register-with-taints). */
  taints?: NodeTaint[];
}
