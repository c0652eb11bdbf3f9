/**
 * The preload (sandboxed, bundled to CommonJS): exposes exactly `LabBridge` as `window.lab` and nothing else —
 * no ipcRenderer, no Node. `request` resolves with the output or rejects with a plain BridgeError object
 * (`{code, message, status?}`: contextBridge would strip an Error's own fields); `on` returns its unsubscribe.
 */
import type { BridgeError, BridgeEventName, BridgeEvents, BridgeRequestName, BridgeRequests, LabBridge } from '../bridge/contract';
import type { BridgeOutcome } from '../bridge/handlers';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type ElectronRenderer, type IpcRendererEvent } from './electron-api';

export function createPreloadBridge(ipc: ElectronRenderer['ipcRenderer']): LabBridge {
  return {
    async request<K extends BridgeRequestName>(method: K, input: BridgeRequests[K]['input']): Promise<BridgeRequests[K]['output']> {
      const outcome = (await ipc.invoke(REQUEST_CHANNEL, method, input)) as BridgeOutcome;
      if (outcome.ok) return outcome.output as BridgeRequests[K]['output'];
      const error: BridgeError = outcome.error;
      throw error;
    },
    on<K extends BridgeEventName>(event: K, listener: (payload: BridgeEvents[K]) => void): () => void {
      const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (name === event) listener(payload as BridgeEvents[K]);
      };
      ipc.on(EVENT_CHANNEL, relay as (e: IpcRendererEvent, ...args: unknown[]) => void);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, relay as (e: IpcRendererEvent, ...args: unknown[]) => void);
      };
    },
  };
}

// In Electron's sandboxed preload `require('electron')` is the renderer-side module (a sandboxed preload cannot
// import ESM); under tests it is absent.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = (typeof require === 'function' && typeof process !== 'undefined' && process.versions?.['electron'] !== undefined ? require('electron') : undefined) as ElectronRenderer | undefined;
if (electron) {
  const bridge = createPreloadBridge(electron.ipcRenderer);
  // Frozen plain functions only: the page cannot reach ipcRenderer through them.
  electron.contextBridge.exposeInMainWorld('lab', Object.freeze({ request: bridge.request, on: bridge.on }));
}
