/**
 * #4 with the real kubectl and the official docs' manifests (../shared/k8s-examples): the StatefulSet Basics
 * flow (web.yaml), the docs' Job (pi to 1000 digits) and DaemonSet, and a CronJob — what kubectl prints about the
 * lab's controllers. The clock runs at ×100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadyLab, type LabServer } from '../support/lab-server';

const EXAMPLES = '/work/shared/k8s-examples';
let lab: LabServer;

beforeAll(async () => {
  lab = await startReadyLab({ nodes: 2, zones: ['zone-a', 'zone-b'], speed: 100 });
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

async function until(args: string[], accept: (out: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    const r = await lab.kubectl(args);
    last = r.stdout + r.stderr;
    if (r.code === 0 && accept(r.stdout)) return r.stdout;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`kubectl ${args.join(' ')} never matched; last output:\n${last}`);
}

const column = (out: string, n: number) =>
  out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[n]);

describe('workload controllers through the real kubectl', () => {
  it('StatefulSet Basics: ordered pods with their own claims, stable identity after deletion, reverse scale-down', async () => {
    const applied = await lab.kubectl(['apply', '-f', `${EXAMPLES}/application/web/web.yaml`]);
    expect(applied).toMatchObject({ code: 0, stdout: 'service/nginx created\nstatefulset.apps/web created\n' });
    const status = await lab.kubectl(['rollout', 'status', 'statefulset/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(status.stdout.trimEnd().split('\n').at(-1)).toBe('partitioned roll out complete: 2 new pods have been updated...');
    const pods = await lab.kubectl(['get', 'pods', '-l', 'app=nginx']);
    expect(column(pods.stdout, 0)).toEqual(['web-0', 'web-1']);
    expect(column(pods.stdout, 2)).toEqual(['Running', 'Running']);
    const pvc = await lab.kubectl(['get', 'pvc', '-l', 'app=nginx']);
    expect(pvc.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(column(pvc.stdout, 0)).toEqual(['www-web-0', 'www-web-1']);
    expect(column(pvc.stdout, 1)).toEqual(['Bound', 'Bound']);
    expect(column(pvc.stdout, 5)).toEqual(['standard', 'standard']);
    const volumes = column(pvc.stdout, 2);
    // The tutorial's hostname check, through exec.
    expect((await lab.kubectl(['exec', 'web-1', '--', 'sh', '-c', 'hostname'])).stdout).toBe('web-1\n');

    expect((await lab.kubectl(['delete', 'pod', '-l', 'app=nginx'])).stdout).toBe('pod "web-0" deleted\npod "web-1" deleted\n');
    await until(['get', 'pods', '-l', 'app=nginx'], (out) => column(out, 2).join() === 'Running,Running' && column(out, 1).join() === '1/1,1/1', 60_000);
    expect(column((await lab.kubectl(['get', 'pvc', '-l', 'app=nginx'])).stdout, 2)).toEqual(volumes);

    expect((await lab.kubectl(['scale', 'sts', 'web', '--replicas=5'])).stdout).toBe('statefulset.apps/web scaled\n');
    await until(['get', 'sts', 'web'], (out) => column(out, 1)[0] === '5/5', 60_000);
    expect((await lab.kubectl(['patch', 'sts', 'web', '-p', '{"spec":{"replicas":3}}'])).stdout).toBe('statefulset.apps/web patched\n');
    await until(['get', 'pods', '-l', 'app=nginx'], (out) => column(out, 0).join() === 'web-0,web-1,web-2', 60_000);
    expect(column((await lab.kubectl(['get', 'pvc', '-l', 'app=nginx'])).stdout, 0)).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4']);
    const revisions = await lab.kubectl(['get', 'controllerrevision', '-l', 'app=nginx']);
    expect(revisions.stdout).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE\nweb-[a-z0-9]+\s+statefulset\.apps\/web\s+1\s+/);
  });

  it("the docs' Job computes pi, and kubectl shows it Complete with its logs", async () => {
    expect((await lab.kubectl(['apply', '-f', `${EXAMPLES}/controllers/job.yaml`])).stdout).toBe('job.batch/pi created\n');
    const waited = await lab.kubectl(['wait', '--for=condition=complete', 'job/pi', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(waited).toMatchObject({ code: 0, stdout: 'job.batch/pi condition met\n' });
    const jobs = await lab.kubectl(['get', 'jobs']);
    expect(jobs.stdout).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+1\/1\s+/);
    const logs = await lab.kubectl(['logs', 'job/pi']);
    expect(logs.stdout.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(logs.stdout.trim().length).toBe(1001);
  });

  it("the docs' DaemonSet runs one pod per node, and a CronJob schedules Jobs", async () => {
    expect((await lab.kubectl(['apply', '-f', `${EXAMPLES}/controllers/daemonset.yaml`])).stdout).toBe('daemonset.apps/fluentd-elasticsearch created\n');
    const ds = await until(['get', 'ds', '-n', 'kube-system', 'fluentd-elasticsearch'], (out) => column(out, 3)[0] === '2', 60_000);
    expect(ds).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nfluentd-elasticsearch\s+2\s+2\s+2\s+2\s+2\s+<none>\s+/);
    const created = await lab.kubectl(['create', 'cronjob', 'hello', '--image=busybox:1.36', '--schedule=*/1 * * * *', '--', 'date']);
    expect(created.stdout).toBe('cronjob.batch/hello created\n');
    const jobs = await until(['get', 'jobs', '-l', '!nonexistent'], (out) => column(out, 0).filter((n) => n?.startsWith('hello-')).length >= 2, 60_000);
    expect(column(jobs, 0).filter((n) => n?.startsWith('hello-')).every((n) => /^hello-\d+$/.test(n!))).toBe(true);
    const cj = await lab.kubectl(['get', 'cronjob', 'hello']);
    expect(cj.stdout).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nhello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+\d\s+\d+s\s+/);
  });
});
