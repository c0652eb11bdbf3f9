/**
 * Acceptance: the kubectl on PATH against the lab, with only --kubeconfig. Each scenario's transcript (stdout,
 * stderr, exit code) must equal its golden file in tests/golden/kubectl/, which holds what kubectl prints against
 * a real 1.32 cluster. The lab's virtual clock is paused, so every AGE reads 0s.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../support/lab-server';
import { readGolden, renderTranscript, type Step } from './golden-file';
import { normalize } from './normalize';

const GOLDEN = resolve(__dirname, '../golden/kubectl');
const FIXTURES = resolve(__dirname, 'fixtures');

let lab: LabServer;

beforeAll(async () => {
  // Time stands still from the first object on; controllers still react to watch events meanwhile.
  // These transcripts are about the API server (#2): no workload controllers, so what kubectl prints is only what
  // the commands themselves did, free of generated pod names and of ages kubectl computes from the wall clock.
  lab = await startLabServer({ nodes: 2, zones: ['zone-a', 'zone-b'], paused: true, without: { workloadControllers: true } });
  await waitFor(async () => (await lab.kubectl(['get', 'configmap', 'kube-root-ca.crt', '-n', 'kube-system', '-o', 'name'])).code === 0);
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

/** Runs kubectl steps in order and returns the normalized transcript. `$F` expands to the fixtures folder. */
async function session(commands: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const steps: Step[] = [];
  for (const command of commands) {
    const args = splitArgs(command.replace(/\$F/g, FIXTURES));
    const r = await lab.kubectl(args, { env });
    steps.push({ command: `kubectl ${command}`, code: r.code, stdout: normalize(r.stdout, { port: lab.port }), stderr: normalize(r.stderr, { port: lab.port }) });
  }
  return renderTranscript(steps);
}

/** Shell-like splitting with single and double quotes (no expansion). */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === ' ') {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

function expectGolden(name: string, actual: string): void {
  expect(actual).toBe(readGolden(join(GOLDEN, `${name}.txt`), actual));
}

describe('real kubectl against the lab', () => {
  it('discovers the API: version, api-versions, api-resources, explain', async () => {
    const t = await session(['version', 'api-versions', 'api-resources', 'explain pod.spec.containers']);
    // The client line names whatever kubectl build this machine has; the server line is the lab's.
    expectGolden('01-discovery', t.replace(/^Client Version: .*$/m, 'Client Version: <client>'));
  });

  it('applies a multi-document file client-side: created, unchanged, configured', async () => {
    const t = await session([
      'apply -f $F/app.yaml',
      'apply -f $F/app.yaml',
      'apply -f $F/nginx-deployment.yaml -n shop',
      'scale deployment nginx-deployment -n shop --replicas=1',
      'apply -f $F/nginx-deployment.yaml -n shop',
    ]);
    expectGolden('02-apply-client-side', t);
  });

  it('applies server-side, and reports a conflict with the client-side manager', async () => {
    const t = await session([
      'apply --server-side -f $F/app.yaml',
      'apply --server-side -f $F/app.yaml',
      'scale deployment web -n shop --replicas=4',
      'apply --server-side -f $F/app.yaml',
      'apply --server-side --force-conflicts -f $F/app.yaml',
      'get deployment web -n shop -o jsonpath={.spec.replicas}',
    ]);
    expectGolden('03-apply-server-side', t);
  });

  it('gets in every output format, sorted, selected and labelled', async () => {
    const t = await session([
      'get deployments -n shop',
      'get deployments -n shop -o wide',
      'get services -n shop -o wide',
      'get configmap web-config -n shop -o yaml',
      'get secret web-secret -n shop -o json',
      'get all -n shop -o name',
      "get deployment web -n shop -o jsonpath={.spec.template.spec.containers[0].image}",
      'get deployments -n shop -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[*].image',
      'get configmaps -A --sort-by=.metadata.name',
      'get deployments -n shop -l app=web --show-labels',
      'get namespaces --field-selector=metadata.name=shop',
      'get nodes',
      'get nodes -o wide',
      'get nodes -l topology.kubernetes.io/zone=zone-b',
    ]);
    expectGolden('04-get', t);
  });

  it('describes a Deployment and a ConfigMap with its Events', async () => {
    // An Event about the ConfigMap, as a controller would record it (describe matches events by the object's uid).
    const uid = (await lab.kubectl(['get', 'configmap', 'web-config', '-n', 'shop', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    const event = readFileSync(join(FIXTURES, 'event.yaml'), 'utf8').replace('  namespace: shop\nreason', `  namespace: shop\n  uid: ${uid}\nreason`);
    await lab.kubectl(['create', '-f', '-'], { input: event });
    const t = await session(['get events -n shop', 'describe deployment web -n shop', 'describe configmap web-config -n shop']);
    expectGolden('05-describe', t);
  });

  it('labels, annotates, patches (strategic, merge, json), scales and edits', async () => {
    const t = await session(
      [
        'label deployment web -n shop release=stable',
        'label deployment web -n shop release=canary',
        'label deployment web -n shop release=canary --overwrite',
        'annotate deployment web -n shop owner=team-a',
        `patch deployment web -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.1"}]}}}}'`,
        `patch deployment web -n shop --type=merge -p '{"spec":{"replicas":3}}'`,
        `patch deployment web -n shop --type=json -p '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":5}]'`,
        `patch deployment web -n shop --type=json -p '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":5}]'`,
        'scale deployment web -n shop --replicas=2',
        'edit deployment web -n shop',
        'get deployment web -n shop -o custom-columns=REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image,HISTORY:.spec.revisionHistoryLimit,RELEASE:.metadata.labels.release,OWNER:.metadata.annotations.owner',
      ],
      { KUBE_EDITOR: join(FIXTURES, 'edit-replicas.sh') },
    );
    expectGolden('06-mutate', t);
  });

  it('creates namespaces, configmaps, secrets and deployments imperatively, and answers auth can-i', async () => {
    const t = await session([
      'create namespace tools',
      'create configmap settings -n tools --from-literal=mode=dark --from-literal=size=2',
      'create secret generic token -n tools --from-literal=key=abc',
      'create deployment api -n tools --image=nginx:1.27 --replicas=2',
      'get configmap settings -n tools -o jsonpath={.data}',
      'get deployment api -n tools',
      'auth can-i create pods',
      'auth can-i delete nodes --all-namespaces',
    ]);
    expectGolden('07-create', t);
  });

  it('deletes with orphan and foreground cascading', async () => {
    const uid = (await lab.kubectl(['get', 'deployment', 'api', '-n', 'tools', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    const owned = (name: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'tools', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid, controller: true, blockOwnerDeletion: true }] },
      });
    await lab.kubectl(['create', '-f', '-'], { input: owned('api-owned') });
    lab.controlPlane.driver.clock.resume(); // the garbage collector runs on the cluster's clock
    try {
      const t1 = await session(['delete deployment api -n tools --cascade=orphan', 'get configmap api-owned -n tools -o jsonpath={.metadata.ownerReferences}']);
      await lab.kubectl(['create', 'deployment', 'api', '-n', 'tools', '--image=nginx:1.27']);
      const uid2 = (await lab.kubectl(['get', 'deployment', 'api', '-n', 'tools', '-o', 'jsonpath={.metadata.uid}'])).stdout;
      await lab.kubectl(['delete', 'configmap', 'api-owned', '-n', 'tools']);
      await lab.kubectl(['create', '-f', '-'], { input: owned('api-owned').replace(uid, uid2) });
      const t2 = await session(['delete deployment api -n tools --cascade=foreground', 'get configmap api-owned -n tools', 'delete namespace tools', 'get namespace tools']);
      expectGolden('08-delete', `${t1}\n${t2}`);
    } finally {
      lab.controlPlane.driver.clock.pause();
    }
  });

  it('get -w prints a change made by another client', async () => {
    const args = ['get', 'configmaps', '-n', 'shop', '-l', 'watch=me', '-w'];
    const child = spawn('kubectl', ['--kubeconfig', lab.kubeconfig, ...args], { env: { ...process.env, KUBECONFIG: '', HOME: lab.dataDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Nothing matches yet, so kubectl prints nothing: give it time to list and open its watch.
    await new Promise((r) => setTimeout(r, 1500));
    const watched = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched', namespace: 'shop', labels: { watch: 'me' } }, data: { a: 'b' } };
    await lab.kubectl(['create', '-f', '-'], { input: JSON.stringify(watched) });
    await waitFor(async () => out.includes('watched'));
    await lab.kubectl(['label', 'configmap', 'watched', '-n', 'shop', 'watch-']);
    await waitFor(async () => out.split('watched').length > 2);
    child.kill('SIGINT');
    const command = `kubectl ${args.join(' ')}   # meanwhile: kubectl create -f watched.json; kubectl label configmap watched watch-`;
    expectGolden('09-watch', renderTranscript([{ command, code: 0, stdout: out, stderr: err }]));
  });

  it('serves and discovers custom resources from a CustomResourceDefinition', async () => {
    const t = await session([
      'apply -f $F/crontab-crd.yaml',
      'apply -f $F/crontab.yaml',
      'get crontabs -n shop',
      'get ct my-new-cron-object -n shop -o jsonpath={.spec.image}',
      'scale crontab my-new-cron-object -n shop --replicas=3',
      'get crontab.stable.example.com -n shop',
      'explain crontab.spec',
      'delete crd crontabs.stable.example.com',
      'get crontabs -n shop',
    ]);
    expectGolden('11-custom-resources', t);
  });

  it('prints upstream errors with their exit codes', async () => {
    const t = await session([
      'get pod nope -n shop',
      'get pods -n shop --field-selector=spec.foo=bar',
      'get pods -n shop -l "a in (b"',
      'create namespace Bad_Name',
      'create configmap web-config -n shop',
      'delete namespace kube-system',
      'get widgets',
      'scale deployment web -n shop --replicas=-1',
    ]);
    expectGolden('10-errors', t);
  });
});
