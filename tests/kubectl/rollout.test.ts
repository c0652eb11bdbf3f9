/**
 * #4 acceptance 1 with the real kubectl: `rollout status` streams kubectl's own progress messages while the lab's
 * deployment controller rolls 4 replicas from nginx:1.25 to nginx:1.27, `rollout history` lists revisions 1 and 2,
 * and `rollout undo` returns to revision 1's template, renumbered 3. The lab's clock runs at ×100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadyLab, type LabServer } from '../support/lab-server';

let lab: LabServer;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

beforeAll(async () => {
  lab = await startReadyLab({ nodes: 3, zones: ['zone-a', 'zone-b'], speed: 100 });
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

/** Every line `kubectl rollout status` can print for a Deployment (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go). */
const STATUS_LINE = [
  /^Waiting for deployment "web" rollout to finish: \d+ out of \d+ new replicas have been updated\.\.\.$/,
  /^Waiting for deployment "web" rollout to finish: \d+ old replicas are pending termination\.\.\.$/,
  /^Waiting for deployment "web" rollout to finish: \d+ of \d+ updated replicas are available\.\.\.$/,
  /^Waiting for deployment spec update to be observed\.\.\.$/,
  /^deployment "web" successfully rolled out$/,
];

describe('kubectl rollout against the lab', () => {
  it('status streams the progress, history lists 1 and 2, undo brings revision 1 back as 3', async () => {
    const applied = await lab.kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
    expect(applied).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });
    const first = await lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');

    // Slow enough that kubectl attaches while the rollout is still in progress.
    expect((await lab.kubectl(['patch', 'clock', 'cluster', '--type', 'merge', '-p', '{"spec":{"speed":2}}'])).code).toBe(0);
    expect(await lab.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.27'])).toMatchObject({ code: 0, stdout: 'deployment.apps/web image updated\n' });
    const rolling = await lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(rolling.code).toBe(0);
    const lines = rolling.stdout.trimEnd().split('\n');
    for (const line of lines) expect(STATUS_LINE.some((re) => re.test(line)), line).toBe(true);
    expect(lines.length).toBeGreaterThan(1); // it watched a rollout in progress, not a finished one
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');

    expect((await lab.kubectl(['patch', 'clock', 'cluster', '--type', 'merge', '-p', '{"spec":{"speed":100}}'])).code).toBe(0);
    const history = await lab.kubectl(['rollout', 'history', 'deployment/web']);
    expect(history.code).toBe(0);
    expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const rev2 = await lab.kubectl(['rollout', 'history', 'deployment/web', '--revision=2']);
    expect(rev2.stdout).toContain('Image:\tnginx:1.27');

    expect(await lab.kubectl(['rollout', 'undo', 'deployment/web'])).toMatchObject({ code: 0, stdout: 'deployment.apps/web rolled back\n' });
    const back = await lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(back.code).toBe(0);
    const after = await lab.kubectl(['rollout', 'history', 'deployment/web']);
    expect(after.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    const images = await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}']);
    expect(images.stdout.trim().split('\n').filter((i) => i === 'nginx:1.25').length).toBeGreaterThanOrEqual(4);

    // pause / resume / restart round trip with kubectl's messages.
    expect((await lab.kubectl(['rollout', 'pause', 'deployment/web'])).stdout).toBe('deployment.apps/web paused\n');
    expect((await lab.kubectl(['rollout', 'resume', 'deployment/web'])).stdout).toBe('deployment.apps/web resumed\n');
    expect((await lab.kubectl(['rollout', 'restart', 'deployment/web'])).stdout).toBe('deployment.apps/web restarted\n');
    const restarted = await lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(restarted.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect((await lab.kubectl(['rollout', 'history', 'deployment/web'])).stdout).toContain('4         <none>');
  });
});
