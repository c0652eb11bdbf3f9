/**
 * TerminalSession, driven with the keystrokes xterm sends: command output equals real kubectl's with `\r\n` line
 * ends, history, Tab completion of commands, kinds and names, Ctrl-C ending a `get -w`, Ctrl-L, a multi-line
 * paste run line by line, and etcdctl 3.4's `get` format (key line, value line; an empty value line with
 * --keys-only) over the store's /registry/… keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalSession } from '../../engine/kubectl';
import { PROMPT } from '../../engine/kubectl/terminal/terminal-session';
import { LineEditor } from '../../engine/kubectl/terminal/line-editor';
import { startLabServer, type LabServer } from '../support/lab-server';

let lab: LabServer;

beforeAll(async () => {
  lab = await startLabServer({ paused: true, seed: 2, without: { workloadControllers: true } });
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

function session(cols = 120): { term: TerminalSession; screen: () => string; clear: () => void } {
  let written = '';
  const term = new TerminalSession({ handler: lab.controlPlane.handler, clock: lab.controlPlane.driver.clock, store: lab.controlPlane.store, write: (d) => (written += d), cols, rows: 40 });
  return { term, screen: () => written, clear: () => (written = '') };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The output of one command: what was written between the echoed Enter and the next prompt. */
async function run(t: ReturnType<typeof session>, line: string): Promise<string> {
  t.clear();
  t.term.input(`${line}\r`);
  await until(() => t.screen().endsWith(PROMPT) && t.screen().includes('\r\n'));
  const s = t.screen();
  return s.slice(s.indexOf('\r\n') + 2, s.length - PROMPT.length);
}

describe('TerminalSession', () => {
  it('prints kubectl output as real kubectl does, with \\r\\n line ends', async () => {
    const t = session();
    const real = await lab.kubectl(['get', 'namespaces']);
    expect(real.stdout).toContain('kube-system');
    expect(await run(t, 'kubectl get namespaces')).toBe(real.stdout.replace(/\n/g, '\r\n'));
    const realErr = await lab.kubectl(['get', 'widgets']);
    expect(await run(t, 'k get widgets')).toBe(realErr.stderr.replace(/\n/g, '\r\n'));
    t.term.dispose();
  });

  it('shows kube-proxy rules with iptables-save, iptables -S and ipvsadm -Ln (the node view of the Services)', async () => {
    const t = session();
    const nat = await run(t, 'iptables-save -t nat');
    expect(nat).toContain('\r\n*nat\r\n');
    expect(nat).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y\r\n');
    expect(await run(t, 'iptables -t nat -S KUBE-MARK-MASQ')).toBe('-N KUBE-MARK-MASQ\r\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\r\n');
    // This lab's kube-proxy runs in iptables mode: the IPVS table is empty.
    expect(await run(t, 'ipvsadm -Ln')).toBe('IP Virtual Server version 1.2.1 (size=4096)\r\nProt LocalAddress:Port Scheduler Flags\r\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\r\n');
    t.term.dispose();
  });

  it('recalls history with ↑ and ↓ and lists it with `history`', async () => {
    const t = session();
    await run(t, 'kubectl version --client');
    await run(t, 'kubectl config current-context');
    t.clear();
    t.term.input('\x1b[A\x1b[A');
    expect(t.screen()).toContain('kubectl version --client');
    t.term.input('\x1b[B');
    expect(t.screen().endsWith('kubectl config current-context\x1b[33G')).toBe(true);
    t.term.input('\x15'); // Ctrl-U clears the line
    // As in bash, the history command lists itself.
    expect(await run(t, 'history')).toBe('    1  kubectl version --client\r\n    2  kubectl config current-context\r\n    3  history\r\n');
    t.term.dispose();
  });

  it('edits the line: cursor movement, backspace, delete, Ctrl-W', async () => {
    const e = new LineEditor();
    for (const k of 'kubectl gte pods') e.key(k);
    for (let i = 0; i < 5; i++) e.key('\x1b[D'); // cursor after "gte"
    e.key('\x7f');
    e.key('\x7f');
    e.key('e');
    e.key('t');
    expect(e.buffer).toBe('kubectl get pods');
    e.key('\x01');
    e.key('\x1b[3~');
    expect(e.buffer).toBe('ubectl get pods');
    e.key('\x05');
    e.key('\x17');
    expect(e.buffer).toBe('ubectl get ');
  });

  it('completes commands, subcommands, kinds and object names', async () => {
    const t = session();
    t.term.input('kub\t');
    await until(() => t.screen().includes('kubectl '));
    t.term.input('ge\t');
    await until(() => t.screen().includes('kubectl get '));
    t.term.input('configm\t');
    await until(() => t.screen().includes('kubectl get configmaps '));
    t.term.input('-n kube-system kube-r\t');
    await until(() => t.screen().includes('kube-root-ca.crt '));
    expect(await run(t, '')).toBe((await lab.kubectl(['get', 'configmaps', '-n', 'kube-system', 'kube-root-ca.crt'])).stdout.replace(/\n/g, '\r\n'));
    t.clear();
    t.term.input('kubectl rollout \t');
    await until(() => t.screen().includes('history'));
    expect(t.screen()).toContain('undo');
    t.term.dispose();
  });

  it('Ctrl-C ends a running get -w and returns to the prompt', async () => {
    const t = session();
    t.clear();
    t.term.input('kubectl get namespaces -w\r');
    await until(() => t.screen().includes('kube-system'));
    expect(t.screen().endsWith(PROMPT)).toBe(false);
    t.term.input('\x03');
    await until(() => t.screen().endsWith(PROMPT));
    expect(t.screen()).toContain('^C');
    t.term.dispose();
  });

  it('runs a multi-line paste line by line, and Ctrl-L clears the screen', async () => {
    const t = session();
    t.clear();
    t.term.input('kubectl config current-context\rkubectl version --client\r');
    await until(() => t.screen().split(PROMPT).length >= 3 && t.screen().endsWith(PROMPT));
    const s = t.screen();
    expect(s.indexOf('cluster-lab\r\n')).toBeGreaterThan(-1);
    expect(s.indexOf('Client Version: v1.32.4')).toBeGreaterThan(s.indexOf('cluster-lab\r\n'));
    t.clear();
    t.term.input('\x0c');
    expect(t.screen().startsWith('\x1b[H\x1b[2J')).toBe(true);
    t.term.dispose();
  });

  it('prints etcdctl get as etcdctl 3.4 does: key line, then value line', async () => {
    const t = session();
    const one = await run(t, 'etcdctl get /registry/namespaces/default');
    const [key, value, rest] = one.split('\r\n');
    expect(key).toBe('/registry/namespaces/default');
    expect(JSON.parse(value as string)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect(rest).toBe('');
    const keys = await run(t, 'etcdctl get /registry/namespaces/kube --prefix --keys-only');
    expect(keys).toBe('/registry/namespaces/kube-node-lease\r\n\r\n/registry/namespaces/kube-public\r\n\r\n/registry/namespaces/kube-system\r\n\r\n');
    t.term.dispose();
  });
});
