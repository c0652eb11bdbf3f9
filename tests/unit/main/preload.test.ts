/** The preload's LabBridge over a fake ipcRenderer: typed results, plain BridgeError rejections, unsubscribe. */
import { describe, expect, it } from 'vitest';
import { createPreloadBridge } from '../../../main/electron/preload';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type ElectronRenderer, type IpcRendererEvent } from '../../../main/electron/electron-api';

type Listener = (e: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, args: unknown[]) => unknown) {
  const listeners = new Set<Listener>();
  const ipc: ElectronRenderer['ipcRenderer'] = {
    invoke: async (channel, ...args) => answer(channel, args),
    on: (channel, l) => {
      if (channel === EVENT_CHANNEL) listeners.add(l);
    },
    removeListener: (_channel, l) => listeners.delete(l),
  };
  return { ipc, emit: (event: string, payload: unknown) => listeners.forEach((l) => l({}, event, payload)), listeners };
}

describe('createPreloadBridge', () => {
  it('sends method and input on the request channel and resolves with the output', async () => {
    const seen: unknown[] = [];
    const { ipc } = fakeIpc((channel, args) => (seen.push(channel, ...args), { ok: true, output: { speed: 2 } }));
    await expect(createPreloadBridge(ipc).request('clock.set', { speed: 2 })).resolves.toEqual({ speed: 2 });
    expect(seen).toEqual([REQUEST_CHANNEL, 'clock.set', { speed: 2 }]);
  });

  it('rejects with the plain BridgeError the host answered', async () => {
    const { ipc } = fakeIpc(() => ({ ok: false, error: { code: 'invalid-input', message: 'speed must be from 0.25 to 100' } }));
    await expect(createPreloadBridge(ipc).request('clock.set', { speed: 1000 })).rejects.toEqual({ code: 'invalid-input', message: 'speed must be from 0.25 to 100' });
  });

  it('delivers only the subscribed event, and on() returns an unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpc(() => undefined);
    const got: unknown[] = [];
    const off = createPreloadBridge(ipc).on('clock.tick', (p) => got.push(p));
    emit('clock.tick', { now: 1 });
    emit('labs.progress', { labId: 'x' });
    off();
    off();
    emit('clock.tick', { now: 2 });
    expect(got).toEqual([{ now: 1 }]);
    expect(listeners.size).toBe(0);
  });
});
