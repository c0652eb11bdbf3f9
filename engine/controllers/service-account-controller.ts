/**
 * The serviceaccount controller and the root-CA publisher of kube-controller-manager: every active namespace has
 * a `default` ServiceAccount and a `kube-root-ca.crt` ConfigMap holding the cluster CA (pods mount both).
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';

export class ServiceAccountController implements Reconciler {
  readonly name = 'serviceaccount-controller';
  readonly loop: ControllerLoop;

  constructor(
    private readonly client: ApiClient,
    private readonly namespaces: Informer,
    private readonly serviceAccounts: Informer,
    private readonly configMaps: Informer,
    private readonly caPem: string,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    const byNamespace = (o: KubeObject) => this.loop.queue.add(o.metadata?.namespace ?? '');
    namespaces.addHandlers({ onAdd: (ns) => this.loop.queue.add(ns.metadata?.name ?? ''), onUpdate: (_o, ns) => this.loop.queue.add(ns.metadata?.name ?? '') });
    serviceAccounts.addHandlers({ onDelete: byNamespace });
    configMaps.addHandlers({ onDelete: byNamespace, onUpdate: (_o, n) => byNamespace(n) });
  }

  async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata?.deletionTimestamp || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') return;
    if (!this.serviceAccounts.get(`${namespace}/default`)) {
      await this.createIgnoringExists({ group: '', version: 'v1', resource: 'serviceaccounts', namespace }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    }
    const cm = this.configMaps.get(`${namespace}/kube-root-ca.crt`);
    const data = { 'ca.crt': this.caPem };
    const annotations = { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' };
    if (!cm) {
      await this.createIgnoringExists({ group: '', version: 'v1', resource: 'configmaps', namespace }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', annotations }, data });
    } else if ((cm['data'] as Record<string, string> | undefined)?.['ca.crt'] !== this.caPem) {
      await this.client.update({ group: '', version: 'v1', resource: 'configmaps', namespace, name: 'kube-root-ca.crt' }, { ...cm, data });
    }
  }

  private async createIgnoringExists(ref: Parameters<ApiClient['create']>[0], obj: KubeObject): Promise<void> {
    try {
      await this.client.create(ref, obj);
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code !== 409 && code !== 403) throw err; // exists, or the namespace started terminating
    }
  }
}
