/** Monaco's base editor worker, as its own file. */
import 'monaco-editor/esm/vs/editor/editor.worker.js';
