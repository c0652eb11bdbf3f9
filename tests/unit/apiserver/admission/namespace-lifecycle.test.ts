import { describe, expect, it } from 'vitest';
import { namespaceLifecycle } from '../../../../engine/apiserver/admission/namespace-lifecycle';
import type { AdmissionAttributes } from '../../../../engine/apiserver/admission/types';
import { FakeAdmissionContext, namespace, podCreate, rejection, user } from './fake-admission-context';

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

const nsDelete = (name: string): AdmissionAttributes => ({
  operation: 'DELETE',
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  subresource: '',
  namespace: '',
  name,
  dryRun: false,
  user,
});

describe('NamespaceLifecycle', () => {
  it('rejects a create in a namespace that does not exist with the namespace NotFound', async () => {
    const ctx = new FakeAdmissionContext([namespace('default')]);
    const s = await rejection(() => namespaceLifecycle.admit?.(podCreate('ghost', pod('p')), ctx));
    expect(s).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "ghost" not found', details: { name: 'ghost', kind: 'namespaces' } });
  });

  it('rejects a create in a Terminating namespace with the NamespaceTerminating cause', async () => {
    const ctx = new FakeAdmissionContext([namespace('doomed', 'Terminating')]);
    const s = await rejection(() => namespaceLifecycle.admit?.(podCreate('doomed', pod('web')), ctx));
    expect(s).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 403,
      reason: 'Forbidden',
      message: 'pods "web" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      details: {
        name: 'web',
        kind: 'pods',
        causes: [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }],
      },
    });
  });

  it('names a generateName-only object by its prefix, as admission.NewForbidden does', async () => {
    const ctx = new FakeAdmissionContext([namespace('doomed', 'Terminating')]);
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' }, spec: {} };
    const s = await rejection(() => namespaceLifecycle.admit?.(podCreate('doomed', p), ctx));
    expect(s.message).toBe('pods "web-" is forbidden: unable to create new content in namespace doomed because it is being terminated');
  });

  it('allows updates and deletes inside a Terminating namespace, and events get no exemption', async () => {
    const ctx = new FakeAdmissionContext([namespace('doomed', 'Terminating')]);
    await expect(namespaceLifecycle.admit?.(podCreate('doomed', pod('p'), { operation: 'UPDATE' }), ctx)).resolves.toBeUndefined();
    await expect(namespaceLifecycle.admit?.(podCreate('doomed', pod('p'), { operation: 'DELETE', object: undefined }), ctx)).resolves.toBeUndefined();
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1' } };
    const s = await rejection(() => namespaceLifecycle.admit?.(podCreate('doomed', event, { kind: 'Event', resource: 'events' }), ctx));
    expect(s.message).toBe('events "e1" is forbidden: unable to create new content in namespace doomed because it is being terminated');
  });

  it('rejects an update in a namespace that does not exist', async () => {
    const ctx = new FakeAdmissionContext([]);
    const s = await rejection(() => namespaceLifecycle.admit?.(podCreate('ghost', pod('p'), { operation: 'UPDATE' }), ctx));
    expect(s.message).toBe('namespaces "ghost" not found');
  });

  it.each(['default', 'kube-system', 'kube-public'])('forbids deleting %s', async (name) => {
    const s = await rejection(() => namespaceLifecycle.admit?.(nsDelete(name), new FakeAdmissionContext([namespace(name)])));
    expect(s).toMatchObject({ code: 403, message: `namespaces "${name}" is forbidden: this namespace may not be deleted`, details: { name, kind: 'namespaces' } });
  });

  it('lets other namespaces be deleted, cluster-scoped objects and LocalSubjectAccessReviews through', async () => {
    const ctx = new FakeAdmissionContext([]);
    await expect(namespaceLifecycle.admit?.(nsDelete('team-a'), ctx)).resolves.toBeUndefined();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    await expect(namespaceLifecycle.admit?.(podCreate('', node, { kind: 'Node', resource: 'nodes' }), ctx)).resolves.toBeUndefined();
    const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: {} };
    const attrs = podCreate('ghost', review, { group: 'authorization.k8s.io', kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews' });
    await expect(namespaceLifecycle.admit?.(attrs, ctx)).resolves.toBeUndefined();
  });
});
