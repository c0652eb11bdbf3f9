/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
interface Window {
  /** Electron's preload exposes the bridge here (main/electron/preload.ts). */
  lab?: import('../main/bridge/contract').LabBridge;
}
