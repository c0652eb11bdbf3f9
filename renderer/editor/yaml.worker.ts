/** monaco-yaml's language worker, as its own file (the CSP forbids blob: workers). */
import 'monaco-yaml/yaml.worker.js';
