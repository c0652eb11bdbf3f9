/**
 * Runs the admission chain (engine/apiserver/admission) for registry writes, giving plugins read access to
 * stored objects and a status writer — both through the registries, never around them.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import { defaultAdmissionChain, runAdmission, type AdmissionAttributes, type AdmissionContext, type AdmissionPlugin } from '../admission/types';
import type { AdmissionRequest, AdmissionRunner } from '../registry/registry-deps';
import type { ServerContext } from '../server-context';
import type { Store } from '../../store/types';
import { AdmissionListers } from './admission-listers';

export class ChainAdmissionRunner implements AdmissionRunner {
  private readonly chain: AdmissionPlugin[] = defaultAdmissionChain();
  private readonly context: AdmissionContext;
  private readonly listers: AdmissionListers;

  constructor(clock: Clock, store: Store, server: () => ServerContext) {
    this.listers = new AdmissionListers(store);
    this.context = {
      now: () => clock.now(),
      random: clock.random,
      get: async (group, resource, namespace, name) => {
        const registry = server().registryFor(group, resource);
        return (await registry?.tryGet(namespace, name))?.object;
      },
      list: async (group, resource, namespace) => {
        const ctx = server();
        const registry = ctx.registryFor(group, resource);
        if (!registry) return [];
        return this.listers.list(registry.prefix(''), registry.prefix(namespace ?? ''));
      },
      updateStatus: async (group, resource, namespace, name, mutate) => {
        const registry = server().registryFor(group, resource);
        if (!registry) return;
        await registry.update(
          namespace,
          name,
          { dryRun: false, fieldManager: 'kube-apiserver', fieldValidation: 'Ignore', user: { name: 'system:apiserver', groups: ['system:masters'] }, subresource: 'status' },
          (current) => mutate(current as KubeObject),
        );
      },
    };
  }

  private attributes(req: AdmissionRequest): AdmissionAttributes {
    return {
      operation: req.operation,
      group: req.info.group,
      version: req.info.version,
      kind: req.info.kind,
      resource: req.info.plural,
      subresource: req.subresource,
      namespace: req.namespace,
      name: req.name,
      object: req.object,
      oldObject: req.oldObject,
      dryRun: req.dryRun,
      user: req.user,
    };
  }

  async mutate(req: AdmissionRequest): Promise<void> {
    const a = this.attributes(req);
    await runAdmission(this.chain, 'mutating', a, this.context);
  }

  async validate(req: AdmissionRequest): Promise<void> {
    await runAdmission(this.chain, 'validating', this.attributes(req), this.context);
  }
}
