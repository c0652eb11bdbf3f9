/**
 * Acceptance: the official JavaScript client's informer (@kubernetes/client-node v1 `makeInformer`) against the
 * lab's HTTPS endpoint, with the real kubectl making the changes.
 *
 * 1. 1,000 ConfigMap changes (create/apply/label/annotate/patch/delete, batched): the informer delivers exactly the
 *    changes the server produced — every resourceVersion once, in order, none missed, none duplicated — taking
 *    an independent raw watch from the starting resourceVersion (and the count of changes we made) as the truth.
 * 2. Compaction: the store is compacted past the informer's resourceVersion; the virtual clock then runs the
 *    lab for an hour, so the server ends the informer's watch at its default duration (upstream: 30–60 min when
 *    no timeoutSeconds is sent — client-node sends none). The informer re-watches from its resourceVersion, gets
 *    the in-stream ERROR event with a 410 Expired Status, relists and recovers: later changes are observed
 *    exactly once and its cache equals the server's list.
 *
 * The informer's wire traffic is observed by wrapping `Watch.prototype.watch` (the informer's own Watch instance
 * comes from the same module) — observation only, the informer's behaviour is untouched.
 */
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, ListWatch, makeInformer, Watch, type V1ConfigMap, type V1ConfigMapList } from '@kubernetes/client-node';
import { startLabServer, type LabServer } from '../support/lab-server';

const NS = 'informer-lab';
type Change = { type: 'add' | 'update' | 'delete'; name: string; rv: string };
type Snapshot = Record<string, { rv: string; labels: Record<string, string>; annotations: Record<string, string>; data: Record<string, string> }>;

const TYPE_OF: Record<string, Change['type']> = { ADDED: 'add', MODIFIED: 'update', DELETED: 'delete' };

/** What one of the informer's watch requests asked for and what came back on the wire. */
interface WireWatch {
  resourceVersion: string;
  events: Array<{ type: string; object: Record<string, unknown> }>;
  done?: { error: unknown };
}

/** An independent watch straight over HTTPS (no client library): the authoritative sequence of changes. */
function rawWatch(lab: LabServer, fromRv: string) {
  const changes: Change[] = [];
  const other: string[] = [];
  const path = `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${fromRv}&timeoutSeconds=600`;
  const req = httpsRequest({
    host: '127.0.0.1',
    port: lab.port,
    path,
    ca: lab.caPem,
    headers: { Authorization: `Bearer ${lab.token}`, Accept: 'application/json' },
  });
  let buffer = '';
  req.on('response', (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line) as { type: string; object: { metadata?: { name?: string; resourceVersion?: string } } };
        const type = TYPE_OF[ev.type];
        if (type) changes.push({ type, name: ev.object.metadata?.name ?? '', rv: ev.object.metadata?.resourceVersion ?? '' });
        else other.push(ev.type);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return { changes, other, close: () => req.destroy() };
}

function rawGet(lab: LabServer, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port: lab.port, path, ca: lab.caPem, headers: { Authorization: `Bearer ${lab.token}`, Accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${path}: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

function project(items: ReadonlyArray<{ metadata?: { name?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; data?: Record<string, string> }>): Snapshot {
  const out: Snapshot = {};
  for (const o of items) {
    out[o.metadata?.name ?? ''] = {
      rv: o.metadata?.resourceVersion ?? '',
      labels: o.metadata?.labels ?? {},
      annotations: o.metadata?.annotations ?? {},
      data: o.data ?? {},
    };
  }
  return out;
}

function names(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `${prefix}-${String(from + i).padStart(3, '0')}`);
}

/** A multi-document manifest of ConfigMaps `<prefix>-<from>` … `<prefix>-<to - 1>`. */
function configMaps(prefix: string, from: number, to: number, labels: Record<string, string>, data: Record<string, string>): string {
  const docs: string[] = [];
  for (const name of names(prefix, from, to)) {
    docs.push(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: ${name}`,
        `  namespace: ${NS}`,
        '  labels:',
        ...Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`),
        'data:',
        ...Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`),
      ].join('\n'),
    );
  }
  return docs.join('\n---\n') + '\n';
}

async function until(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('client-node informer against the lab', () => {
  let lab: LabServer;
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - mark);
    mark = now;
  };

  beforeAll(async () => {
    lab = await startLabServer();
    lap('start lab');
  });
  afterAll(async () => {
    await lab?.close();
    console.log('client-node informer timings (ms):', JSON.stringify(timings));
  });

  it('tracks 1,000 kubectl changes exactly, then survives a compaction through 410 Expired and a relist', async () => {
    const kubectl = async (args: string[], input?: string) => {
      const r = await lab.kubectl(args, { input, timeoutMs: 60_000 });
      expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
      expect(r.code, `kubectl ${args.join(' ')}`).toBe(0);
      return r.stdout;
    };
    // The server's list straight over HTTPS (kubectl get -o json re-wraps items in a List without resourceVersion).
    const serverList = async (): Promise<{ rv: string; snapshot: Snapshot }> => {
      const list = JSON.parse(await rawGet(lab, `/api/v1/namespaces/${NS}/configmaps`)) as { metadata: { resourceVersion: string }; items: V1ConfigMap[] };
      return { rv: list.metadata.resourceVersion, snapshot: project(list.items) };
    };

    await kubectl(['create', 'namespace', NS]);
    const deadline = Date.now() + 15_000;
    let start = await serverList();
    while (!start.snapshot['kube-root-ca.crt'] && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      start = await serverList();
    }
    expect(Object.keys(start.snapshot)).toEqual(['kube-root-ca.crt']);

    // The truth: a raw watch from the starting resourceVersion.
    const truth1 = rawWatch(lab, start.rv);

    // The informer, exactly as client-node documents it, with its wire traffic observed.
    const wire: WireWatch[] = [];
    const originalWatch = Watch.prototype.watch;
    Watch.prototype.watch = function (this: Watch, path, query, callback, done) {
      const entry: WireWatch = { resourceVersion: String((query as { resourceVersion?: unknown }).resourceVersion ?? ''), events: [] };
      wire.push(entry);
      return originalWatch.call(
        this,
        path,
        query,
        (phase, obj, raw) => {
          entry.events.push({ type: phase, object: obj as Record<string, unknown> });
          callback(phase, obj, raw);
        },
        (err) => {
          entry.done = { error: err };
          done(err);
        },
      );
    };
    const kc = new KubeConfig();
    kc.loadFromFile(lab.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const lists: string[] = [];
    const informer = makeInformer<V1ConfigMap>(kc, `/api/v1/namespaces/${NS}/configmaps`, async (): Promise<V1ConfigMapList> => {
      const list = await core.listNamespacedConfigMap({ namespace: NS });
      lists.push(list.metadata?.resourceVersion ?? '');
      return list;
    });
    const seen: Change[] = [];
    const errors: unknown[] = [];
    let stopped = false;
    informer.on('add', (o) => seen.push({ type: 'add', name: o.metadata?.name ?? '', rv: o.metadata?.resourceVersion ?? '' }));
    informer.on('update', (o) => seen.push({ type: 'update', name: o.metadata?.name ?? '', rv: o.metadata?.resourceVersion ?? '' }));
    informer.on('delete', (o) => seen.push({ type: 'delete', name: o.metadata?.name ?? '', rv: o.metadata?.resourceVersion ?? '' }));
    informer.on('error', (err) => {
      if (!stopped) errors.push(err);
    });

    try {
      await informer.start();
      await until('the informer watching', () => wire.length === 1);
      // The initial list is the namespace's one ConfigMap; everything after is a change.
      expect(seen).toEqual([{ type: 'add', name: 'kube-root-ca.crt', rv: start.snapshot['kube-root-ca.crt']?.rv }]);
      seen.length = 0;
      lap('informer synced');

      // ---- 1,000 changes by the real kubectl ----
      // Every step is one server write per object. Big steps run as parallel kubectl processes over disjoint
      // objects, and the bulk apply/create skip kubectl's client-side validation (--validate=false): kubectl
      // throttles itself and spends 40–140 ms of its own CPU per validated or three-way-merged object.
      let made = 0;
      const changesStart = performance.now();
      const step = async (what: string, count: number, runs: Array<Promise<unknown>>) => {
        await Promise.all(runs);
        made += count;
        lap(`${what} (${count})`);
      };
      const each = <T,>(n: number, size: number, f: (from: number, to: number) => T): T[] =>
        Array.from({ length: Math.ceil(n / size) }, (_, i) => f(i * size, Math.min(n, (i + 1) * size)));
      const batches: Array<[string, number]> = [['a', 100], ['b', 100], ['c', 100], ['d', 60]];
      const apply = (manifest: string) => kubectl(['apply', '--validate=false', '-f', '-'], manifest);
      await step('kubectl apply -f (create)', 360, batches.map(([b, n]) => apply(configMaps(`cm-${b}`, 0, n, { batch: b }, { v: '1' }))));
      await step('kubectl create configmap', 20, each(20, 1, (i) => kubectl(['create', 'configmap', `single-${String(i).padStart(3, '0')}`, '-n', NS, `--from-literal=i=${i}`])));
      await step('kubectl label', 100, [kubectl(['label', 'configmap', '-n', NS, '-l', 'batch=a', 'tier=gold'])]);
      await step('kubectl annotate', 100, [kubectl(['annotate', 'configmap', '-n', NS, '-l', 'batch=b', 'note=hello'])]);
      await step('kubectl patch -f', 160, [
        kubectl(['patch', '-f', '-', '--type=merge', '-p', '{"data":{"patched":"yes"}}'], configMaps('cm-c', 0, 100, { batch: 'c' }, {})),
        kubectl(['patch', '-f', '-', '--type=strategic', '-p', '{"metadata":{"labels":{"patched":"yes"}}}'], configMaps('cm-d', 0, 60, { batch: 'd' }, {})),
      ]);
      await step('kubectl apply -f (update)', 40, each(40, 20, (from, to) => apply(configMaps('cm-a', from, to, { batch: 'a' }, { v: '2' }))));
      await step('kubectl label --overwrite', 100, [kubectl(['label', 'configmap', '-n', NS, '-l', 'batch=b', '--overwrite', 'tier=silver'])]);
      await step('kubectl delete', 100, each(100, 10, (from, to) => kubectl(['delete', 'configmap', '-n', NS, ...names('cm-c', from, to)])));
      await step('kubectl delete', 20, each(20, 10, (from, to) => kubectl(['delete', 'configmap', '-n', NS, ...names('single', from, to)])));
      expect(made).toBe(1000);
      timings['1,000 kubectl changes (total)'] = Math.round(performance.now() - changesStart);

      await until('the raw watch to see every change', () => truth1.changes.length >= made);
      await until('the informer to see every change', () => seen.length >= truth1.changes.length);
      await new Promise((r) => setTimeout(r, 200)); // anything extra (a duplicate) would arrive now
      lap('informer caught up');

      // The truth: exactly one event per change, each at its own, increasing resourceVersion.
      expect(truth1.changes).toHaveLength(1000);
      expect(truth1.other).toEqual([]);
      const rvs = truth1.changes.map((c) => Number(c.rv));
      expect(new Set(rvs).size).toBe(1000);
      expect(rvs.every((rv, i) => i === 0 || rv > (rvs[i - 1] as number))).toBe(true);
      expect(rvs[0]).toBeGreaterThan(Number(start.rv));
      // The informer: the same sequence, nothing missed, nothing duplicated.
      expect(seen).toEqual(truth1.changes);
      expect(new Set(seen.map((c) => c.rv)).size).toBe(1000);
      expect(errors).toEqual([]);
      expect(wire).toHaveLength(1);
      const afterPhase1 = await serverList();
      expect(project(informer.list(NS))).toEqual(afterPhase1.snapshot);
      expect(Object.keys(afterPhase1.snapshot)).toHaveLength(1 + 100 + 100 + 60);
      expect(afterPhase1.snapshot['cm-a-000']).toMatchObject({ labels: { batch: 'a', tier: 'gold' }, data: { v: '2' } });
      expect(afterPhase1.snapshot['cm-a-099']).toMatchObject({ labels: { batch: 'a', tier: 'gold' }, data: { v: '1' } });
      expect(afterPhase1.snapshot['cm-d-059']).toMatchObject({ labels: { batch: 'd', patched: 'yes' } });
      expect(afterPhase1.snapshot['cm-b-099']).toMatchObject({ labels: { batch: 'b', tier: 'silver' }, annotations: { note: 'hello' } });
      truth1.close();
      lap('phase 1 checks');

      // ---- compaction past the informer's resourceVersion ----
      expect(informer).toBeInstanceOf(ListWatch); // makeInformer's concrete type, which exposes latestResourceVersion()
      const informerRv = (informer as ListWatch<V1ConfigMap>).latestResourceVersion();
      expect(informerRv).toBe(truth1.changes[truth1.changes.length - 1]?.rv);
      await kubectl(['create', 'configmap', 'elsewhere', '-n', 'default', '--from-literal=a=b']); // moves the store past it
      const store = lab.controlPlane.store;
      await store.compact(store.currentRevision());
      expect(store.compactedRevision()).toBeGreaterThan(Number(informerRv));
      seen.length = 0;
      // An hour of lab time: the server ends the informer's watch at its default duration (30–60 min).
      lab.controlPlane.driver.clock.advance(60 * 60 * 1000);
      await until('the informer to relist and watch again', () => wire.length >= 3);
      lap('compaction, 410 and relist');

      // On the wire: the timed-out watch ended cleanly; the re-watch from the compacted resourceVersion got one
      // ERROR event carrying a 410 Expired Status (and nothing else); the informer then relisted and watched on.
      expect(wire[0]?.done).toEqual({ error: null });
      expect(wire[1]?.resourceVersion).toBe(informerRv);
      expect(wire[1]?.events).toHaveLength(1);
      expect(wire[1]?.events[0]?.type).toBe('ERROR');
      expect(wire[1]?.events[0]?.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
      expect(String(wire[1]?.events[0]?.object['message'])).toMatch(/^too old resource version: \d+ \(\d+\)$/);
      expect(wire[1]?.done).toEqual({ error: null });
      expect(lists).toHaveLength(2);
      expect(wire[2]?.resourceVersion).toBe(lists[1]);
      expect(Number(lists[1])).toBeGreaterThanOrEqual(store.compactedRevision());
      // Nothing changed in the namespace, so the relist reconciles to no events at all.
      expect(seen).toEqual([]);
      expect(errors).toEqual([]);

      // ---- after recovery: changes are observed exactly once ----
      const before2 = await serverList();
      const truth2 = rawWatch(lab, before2.rv);
      await Promise.all(each(50, 25, (from, to) => apply(configMaps('cm-e', from, to, { batch: 'e' }, { v: '1' }))));
      await kubectl(['label', 'configmap', '-n', NS, '-l', 'batch=e', 'tier=bronze']);
      await Promise.all(each(20, 10, (from, to) => kubectl(['delete', 'configmap', '-n', NS, ...names('cm-a', from, to)])));
      await until('the raw watch to see the later changes', () => truth2.changes.length >= 120);
      await until('the informer to see the later changes', () => seen.length >= truth2.changes.length);
      await new Promise((r) => setTimeout(r, 200));
      expect(truth2.changes).toHaveLength(120);
      expect(seen).toEqual(truth2.changes);
      const after2 = await serverList();
      expect(project(informer.list(NS))).toEqual(after2.snapshot);
      expect(Object.keys(after2.snapshot)).toHaveLength(1 + 80 + 100 + 60 + 50);
      expect(errors).toEqual([]);
      truth2.close();
      lap('phase 2 checks');
    } finally {
      stopped = true;
      await informer.stop();
      Watch.prototype.watch = originalWatch;
    }
  }, 120_000);
});
