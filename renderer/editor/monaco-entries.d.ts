/** Monaco's ESM entry points have no typings of their own: they are the same API as 'monaco-editor' (see monaco-slim.ts). */
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
