/// <reference types="vite/client" />
/**
 * In-page half of B9: the app's editor setup (Monaco 0.52.2 + monaco-yaml, the same workers) is created after first
 * paint and timed; then a 100,000-line YAML model is loaded and keystrokes are timed from the key event to the next
 * rendered frame, against the same keystrokes in a plain <textarea>. Driven through window.__bench.
 */
import EditorWorker from '../../../../renderer/editor/editor.worker?worker';
import YamlWorker from '../../../../renderer/editor/yaml.worker?worker';

const firstPaint = performance.now();
let editorReadyMs = -1;
type Monaco = typeof import('monaco-editor');
let monaco: Monaco | undefined;
let editor: import('monaco-editor').editor.IStandaloneCodeEditor | undefined;

async function createEditor(): Promise<void> {
  (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: (_: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()) };
  const [m, { configureMonacoYaml }] = await Promise.all([import('../../../../renderer/editor/monaco-slim'), import('monaco-yaml')]);
  monaco = m;
  configureMonacoYaml(m, { enableSchemaRequest: false, schemas: [] });
  editor = m.editor.create(document.getElementById('editor')!, { value: 'apiVersion: v1\nkind: ConfigMap\n', language: 'yaml', automaticLayout: false, minimap: { enabled: false } });
  editorReadyMs = performance.now() - firstPaint;
}
requestAnimationFrame(() => void createEditor());

function bigYaml(lines: number): string {
  const doc = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cm', 'data:', '  key: value', '---'];
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) out.push(doc[i % doc.length]!.replace('name: cm', `name: cm-${Math.floor(i / doc.length)}`));
  return out.join('\n');
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function keystrokes(count: number): Promise<{ p95: number; plainP95: number; lines: number }> {
  while (!editor || !monaco) await nextFrame();
  const model = editor.getModel()!;
  model.setValue(bigYaml(100_000));
  editor.setPosition({ lineNumber: 50_000, column: 1 });
  editor.revealLineInCenter(50_000);
  editor.focus();
  await nextFrame();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    editor.trigger('keyboard', 'type', { text: 'x' });
    times.push((await nextFrame()) - t0);
  }
  const plain = document.getElementById('plain') as HTMLTextAreaElement;
  plain.value = bigYaml(2_000);
  plain.focus();
  const plainTimes: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    plain.setRangeText('x', plain.selectionStart, plain.selectionEnd, 'end');
    plain.dispatchEvent(new Event('input'));
    plainTimes.push((await nextFrame()) - t0);
  }
  return { p95: percentile(times, 95), plainP95: percentile(plainTimes, 95), lines: model.getLineCount() };
}

async function ready(): Promise<number> {
  while (editorReadyMs < 0) await nextFrame();
  return editorReadyMs;
}

(window as unknown as { __bench: unknown }).__bench = { keystrokes, ready };
