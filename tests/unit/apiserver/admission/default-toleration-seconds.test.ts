import { describe, expect, it } from 'vitest';
import { defaultTolerationSeconds } from '../../../../engine/apiserver/admission/default-toleration-seconds';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate } from './fake-admission-context';

const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

async function tolerationsAfter(tolerations?: unknown[]): Promise<unknown> {
  const p: KubeObject = { metadata: { name: 'p' }, spec: tolerations ? { tolerations } : {} };
  await defaultTolerationSeconds.admit?.(podCreate('default', p), new FakeAdmissionContext());
  return (p.spec as { tolerations?: unknown }).tolerations;
}

describe('DefaultTolerationSeconds', () => {
  it('adds not-ready and unreachable NoExecute tolerations for 300 s', async () => {
    expect(await tolerationsAfter()).toEqual([notReady, unreachable]);
  });

  it('keeps an existing toleration for either taint', async () => {
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 };
    expect(await tolerationsAfter([own])).toEqual([own, unreachable]);
  });

  it('treats an empty key or effect as tolerating both', async () => {
    const all = { operator: 'Exists' };
    expect(await tolerationsAfter([all])).toEqual([all]);
    const anyEffect = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' };
    expect(await tolerationsAfter([anyEffect])).toEqual([anyEffect, notReady]);
  });

  it('does not count a NoSchedule toleration', async () => {
    const ns = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' };
    expect(await tolerationsAfter([ns])).toEqual([ns, notReady, unreachable]);
  });
});
