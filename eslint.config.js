// The layer table IS the lint config (VS Code's idea): who may import whom, and what the engine may not touch.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const realTime = [
  { object: 'Date', property: 'now', message: 'Engine time comes from the injected Clock (engine/base/clock.ts).' },
  { object: 'Math', property: 'random', message: 'Engine randomness comes from Clock.random (seeded).' },
  { object: 'performance', property: 'now', message: 'Engine time comes from the injected Clock.' },
];
const timerGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval'].map((name) => ({
  name,
  message: 'Engine timers go through Clock.setTimer / Clock.setPeriodic so virtual time drives them.',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'engine/apiserver/openapi/generated/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs', '.json'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A cursor that starts at `this` and walks a tree is the one legitimate alias.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './engine', from: './main', message: 'engine/ never imports main/ (rule 1).' },
            { target: './engine', from: './renderer', message: 'engine/ never imports renderer/ (rule 1).' },
            { target: './engine', from: './tests', message: 'engine/ never imports tests/ (rule 1).' },
            { target: './engine', from: './engine/node', except: [], message: 'The engine core never imports engine/node/ (rule 1).' },
            { target: './renderer', from: './main', except: ['./bridge/contract.ts'], message: 'renderer/ talks to the host only through the bridge contract (rule 2).' },
            { target: './renderer', from: './engine', except: ['./api'], message: 'renderer/ imports only engine/api (rule 2).' },
          ],
        },
      ],
    },
  },
  {
    // engine/node is Node-only and may import the core; the zone above must not forbid that direction.
    files: ['engine/node/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/node/**'],
    rules: {
      'no-restricted-properties': ['error', ...realTime],
      'no-restricted-globals': ['error', ...timerGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are allowed only in engine/node/.' },
            { group: ['electron', 'vue', 'pinia', 'monaco-editor', '@xterm/*'], message: 'The engine is platform-free (rule 1).' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'renderer/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only main/ knows Electron (rule 3).' }] }] },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests poke at loosely-shaped Kubernetes JSON; `any` there is a deliberate shortcut, not an API.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
