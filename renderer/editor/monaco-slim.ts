/**
 * The Monaco the editor needs, and no more: the editor core with every editor feature (find, folding, suggest,
 * hover, markers, quick access — `edcore.main`) plus the YAML tokenizer. `import('monaco-editor')` would also
 * evaluate every basic language and the CSS/HTML/JSON/TypeScript language services, which the lab never uses;
 * leaving them out roughly halves what the browser must load before the editor is ready (benchmark B9).
 * monaco-yaml takes this module as its `monaco` argument; its language service runs in yaml.worker.ts.
 */
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';

export * from 'monaco-editor/esm/vs/editor/edcore.main.js';
