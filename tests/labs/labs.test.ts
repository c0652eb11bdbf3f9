/**
 * #5 acceptance 5: every lab in labs/ loads, and its solution — the steps' kubectl lines, run by the in-app kubectl
 * on a whole cluster shaped as the lab asks, under the virtual clock — passes all its checks; a wrong action shows
 * the expected hint; a broken lab.yaml is refused with every problem's position.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runKubectl, neverAborted } from '../../engine/kubectl';
import { LabFormatError, LabRunner, loadLab, type Lab } from '../../engine/labs';
import { SettleMonitor } from '../../engine/cluster/settle-monitor';
import { startSimCluster, type SimCluster } from '../support/sim-cluster';

const LABS_DIR = join(__dirname, '../../labs');

function readFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Shell-like split: spaces separate words, single and double quotes group. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function kubectl(s: SimCluster, line: string, stdin?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runKubectl(words(line), { handler: s.cluster.apiServer, clock: s.clock, stdout: (t) => (out += t), stderr: (t) => (out += t), stdin, signal: neverAborted });
  return { code, out };
}

async function startFor(lab: Lab): Promise<{ s: SimCluster; runner: LabRunner; monitor: SettleMonitor }> {
  const s = await startSimCluster({ nodes: lab.cluster.nodes, zones: lab.cluster.zones, seed: 31 });
  sim = s;
  for (const manifest of lab.cluster.manifests) expect((await kubectl(s, 'apply -f -', manifest)).code).toBe(0);
  const monitor = new SettleMonitor({ store: s.store, clock: s.clock });
  const runner = new LabRunner({
    lab,
    client: s.admin,
    clock: s.clock,
    store: s.store,
    traces: (ns, name) => s.cluster.scheduler?.traces(ns, name).at(-1),
    whenSettled: () => monitor.whenSettled(),
  });
  return { s, runner, monitor };
}

const labIds = readdirSync(LABS_DIR).filter((d) => statSync(join(LABS_DIR, d)).isDirectory());

describe('labs', () => {
  it('there are the three labs of issue #5, each citing its note', () => {
    const labs = labIds.map((id) => loadLab(readFolder(join(LABS_DIR, id))));
    expect(labs.map((l) => l.id).sort()).toEqual(['node-failure', 'pod-birth', 'rolling-update']);
    for (const l of labs) {
      expect(readFileSync(join('/work/shared/notes', l.source), 'utf8').length).toBeGreaterThan(0);
      for (const text of [l.title, l.summary, l.intro, ...l.steps.flatMap((s) => [s.title, s.body])]) {
        expect(text.en.length).toBeGreaterThan(0);
        expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it.each(labIds)('%s: the solution passes every check', async (id) => {
    const lab = loadLab(readFolder(join(LABS_DIR, id)));
    const { s, runner, monitor } = await startFor(lab);
    for (const step of lab.steps) {
      for (const cmd of step.solution) {
        const r = await kubectl(s, cmd.kubectl, cmd.stdinFile ? lab.files[cmd.stdinFile] : undefined);
        expect(r.code, `${cmd.kubectl}\n${r.out}`).toBe(0);
        await s.advance((cmd.waitSeconds ?? 5) * 1000);
      }
      await s.advance(2_000);
      const p = await runner.check();
      const mine = p.steps.find((x) => x.id === step.id)!;
      expect(mine.state, JSON.stringify(mine.checks, null, 1)).toBe('done');
    }
    expect(runner.progress.completedAt).toBeDefined();
    expect(runner.progress.failed).toBeUndefined();
    runner.dispose();
    monitor.dispose();
  });

  it('pod-birth: a Pod in the wrong namespace shows the namespace hint, and the check reports expected vs actual', async () => {
    const lab = loadLab(readFolder(join(LABS_DIR, 'pod-birth')));
    const { s, runner, monitor } = await startFor(lab);
    expect((await kubectl(s, 'run hello --image=nginx:1.27 -n kube-system')).code).toBe(0);
    await s.advance(5_000);
    const p = await runner.check();
    const step = p.steps[0]!;
    expect(step.state).toBe('active');
    expect(step.hint?.en).toContain('kube-system');
    expect(step.checks[0]).toMatchObject({ passed: false, expected: 'at least 1 pods hello with present', actual: '0 of 0 match' });
    runner.dispose();
    monitor.dispose();
  });

  it('node-failure: deleting node-1 is a state the learner cannot recover from', async () => {
    const lab = loadLab(readFolder(join(LABS_DIR, 'node-failure')));
    const saved = { labId: 'node-failure', steps: lab.steps.map((st, i) => ({ id: st.id, state: (i < 2 ? 'done' : i === 2 ? 'active' : 'locked') as 'done' | 'active' | 'locked', checks: [] })) };
    const { s, monitor } = await startFor(lab);
    const runner = new LabRunner({ lab, client: s.admin, clock: s.clock, store: s.store, traces: () => undefined, whenSettled: () => monitor.whenSettled(), saved });
    expect((await kubectl(s, 'delete node node-1')).code).toBe(0);
    await s.advance(5_000);
    const p = await runner.check();
    expect(p.failed?.en).toContain('node-1 was deleted');
    runner.dispose();
    monitor.dispose();
  });

  it('a broken lab.yaml is refused with every problem and its position', () => {
    const files = { 'lab.yaml': 'id: Bad_ID\nsource: notes.txt\ntitle: { en: x }\nsummary: { en: x, zh-CN: y }\nintro: { en: x, zh-CN: y }\nsteps:\n  - id: a\n    title: { en: t, zh-CN: t }\n    body: { en: missing.md, zh-CN: b }\n    checks:\n      - title: { en: c, zh-CN: c }\n' };
    let err: LabFormatError | undefined;
    try {
      loadLab(files);
    } catch (e) {
      err = e as LabFormatError;
    }
    expect(err).toBeInstanceOf(LabFormatError);
    const messages = err!.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '1:5 id: "Bad_ID" must be a lowercase DNS label',
        '2:9 source: "notes.txt" must name a note file such as 000_2e88c02bccd3bf2b.txt',
        '3:8 title.zh-CN: a non-empty string is required',
        '9:17 steps[0].body.en: file missing.md is not in the lab folder',
        '11:9 steps[0].checks[0]: exactly one of object, event, storeKey, trace is required, found none',
      ]),
    );
  });
});
