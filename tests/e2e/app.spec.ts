/**
 * #5 acceptance 1 and 2 in Debian's chromium against browser mode (the same host and renderer Electron runs):
 * editor → map → timeline, the terminal's kubectl, a validation marker that creates nothing, lab 1 completed from the
 * terminal, the language switch, persistence across a restart — with a screenshot of each main view.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserApp, type BrowserApp } from './support/browser-app';

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(SHOTS, { recursive: true });

let app: BrowserApp;
test.beforeAll(async () => {
  app = await startBrowserApp(['--nodes', '3', '--zones', 'zone-a,zone-b', '--speed', '20']);
});
test.afterAll(async () => {
  await app?.stop();
});
test.describe.configure({ mode: 'serial' });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

async function open(page: Page): Promise<void> {
  await page.goto(app.url);
  // The labs panel shows the lab list, or the active lab once the host's saved progress arrives.
  await expect(page.locator('[data-testid="lab-list"], [data-testid="lab-title"]').first()).toBeVisible();
  await page.waitForFunction(() => (window as unknown as { __clusterLabEditor?: unknown }).__clusterLabEditor !== undefined, undefined, { timeout: 60_000 });
}

async function setEditor(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => (window as unknown as { __clusterLabEditor: { setValue(t: string): void } }).__clusterLabEditor.setValue(t), text);
}

async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __clusterLabTerminalText?: () => string }).__clusterLabTerminalText?.() ?? '');
}

async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

function kubectl(args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', app.kubeconfig, ...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '', HOME: app.dataDir } });
}

test('editor → map → timeline: a 3-replica Deployment appears, gets Ready, and its causal chain is on the timeline', async ({ page }) => {
  await open(page);
  await setEditor(page, DEPLOYMENT);
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-results')).toContainText('deployment.apps/web created');
  const map = page.getByTestId('topology-map');
  await expect(map).toHaveAttribute('data-ready-count', '3', { timeout: 60_000 });
  await expect(page.locator('[data-testid="topology-pod"][data-ready="true"]')).toHaveCount(3);
  // The timeline is virtualised: its filter brings each link of the chain into view.
  const timeline = page.getByTestId('event-timeline');
  const filter = page.getByTestId('timeline-filter');
  for (const reason of ['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started']) {
    await filter.fill(`type:event reason:${reason}`);
    await expect(timeline.locator(`[data-testid="timeline-entry"][data-reason="${reason}"]`).first()).toBeAttached();
  }
  // Inspect one pod: describe, and why the scheduler put it where it is.
  await page.getByTestId('resource-row').first().click();
  // Its causal chain lights up on the timeline: of the three pods' Scheduled and Started events, its own.
  for (const reason of ['Scheduled', 'Started']) {
    await filter.fill(`type:event reason:${reason}`);
    await expect(timeline.locator(`[data-testid="timeline-entry"][data-reason="${reason}"]`)).toHaveCount(3);
    await expect(timeline.locator(`[data-testid="timeline-entry"].related[data-reason="${reason}"]`)).toHaveCount(1);
  }
  // Scrubbing: a click on the swimlanes leaves live mode and marks that moment.
  await page.getByTestId('timeline-lanes').click({ position: { x: 300, y: 20 } });
  await expect(page.getByTestId('timeline-live')).not.toHaveClass(/on/);
  await filter.fill('');
  await expect(page.getByTestId('inspector-text')).toContainText('Controlled By:  ReplicaSet/web-');
  await page.getByTestId('tab-why').click();
  await expect(page.getByTestId('why-outcome')).toContainText('→ node-');
  await page.screenshot({ path: join(SHOTS, 'main.png') });
});

test('terminal: kubectl get pods prints the same rows as the real kubectl', async ({ page }) => {
  await open(page);
  await typeInTerminal(page, 'kubectl get pods -l app=web');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('READY   STATUS');
  const real = kubectl(['get', 'pods', '-l', 'app=web']);
  const names = real
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0]!);
  expect(names).toHaveLength(3);
  const text = await terminalText(page);
  for (const n of names) expect(text).toContain(n);
  expect(text.replace(/\r\n/g, '\n')).toContain(real.split('\n')[0]!);
  await page.getByTestId('terminal').screenshot({ path: join(SHOTS, 'terminal.png') });
  // Ctrl+F finds in the scrollback: the three pods' Running.
  await page.getByTestId('terminal').click();
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('terminal-search')).toBeVisible();
  await page.getByTestId('terminal-search-input').fill('Running');
  await expect(page.getByTestId('terminal-search-count')).toHaveText(/^[123]\/3$/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('terminal-search')).toBeHidden();
  // F1 lists the keyboard shortcuts; Escape closes the list.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Ctrl+`');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
});

test('validation: replicas: "three" gets a marker on its line and creates nothing', async ({ page }) => {
  await open(page);
  await setEditor(page, DEPLOYMENT.replace('name: web', 'name: bad').replace('replicas: 3', 'replicas: "three"'));
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-results')).toContainText('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  await expect.poll(async () => page.evaluate(() => (window as unknown as { __clusterLabEditor: { markers(): Array<{ line: number }> } }).__clusterLabEditor.markers()), { timeout: 10_000 }).toEqual(
    expect.arrayContaining([expect.objectContaining({ line: 6 })]),
  );
  expect(() => kubectl(['get', 'deployment', 'bad'])).toThrow();
  await page.getByTestId('yaml-editor').screenshot({ path: join(SHOTS, 'editor-marker.png') });
});

test('lab 1, the birth of a Pod, completed by typing the solution into the terminal', async ({ page }) => {
  await open(page);
  await page.getByTestId('lab-start-pod-birth').click();
  await expect(page.getByTestId('lab-step-state-create')).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
  await typeInTerminal(page, 'kubectl run hello --image=nginx:1.27');
  await expect(page.getByTestId('lab-step-state-create')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('lab-step-state-running')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('lab-complete')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'lab.png') });
});

test('language: switching to 中文 changes the UI and the lab text', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('lab-title')).toHaveText('The birth of a Pod', { timeout: 30_000 });
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('lab-title')).toHaveText('一个 Pod 的诞生');
  await expect(page.getByTestId('editor-apply')).toHaveText('应用');
  await page.screenshot({ path: join(SHOTS, 'zh-CN.png') });
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('editor-apply')).toHaveText('Apply');
});

test('persistence: after a restart the cluster and the lab progress are still there', async ({ page }) => {
  await app.restart();
  await open(page);
  await expect(page.getByTestId('lab-step-state-running')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('lab-complete')).toBeVisible();
  expect(kubectl(['get', 'pod', 'hello', '-o', 'name'])).toBe('pod/hello\n');
});
