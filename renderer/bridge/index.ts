/**
 * The renderer's one way out: the LabBridge contract. In Electron the preload exposes it as `window.lab`; in browser
 * mode this WebSocket client implements the same interface against `/bridge?token=<the page's token>`: numbered
 * requests answered by responses, pushed events fanned out to `on()` listeners (which return their unsubscribe).
 */
import type { BridgeError, BridgeEventName, BridgeEvents, BridgeRequestName, BridgeRequests, BridgeWireMessage, LabBridge } from '../../main/bridge/contract';

export function isBridgeError(e: unknown): e is BridgeError {
  return typeof e === 'object' && e !== null && typeof (e as BridgeError).code === 'string' && typeof (e as BridgeError).message === 'string';
}

class WebSocketBridge implements LabBridge {
  private socket: WebSocket | undefined;
  private opened: Promise<WebSocket> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly url: string) {}

  private connect(): Promise<WebSocket> {
    if (this.opened) return this.opened;
    this.opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => {
        this.socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject({ code: 'unavailable', message: 'cannot reach the Cluster Lab host' } satisfies BridgeError);
      ws.onclose = () => {
        this.opened = undefined;
        this.socket = undefined;
        for (const p of this.pending.values()) p.reject({ code: 'unavailable', message: 'the connection to the Cluster Lab host closed' } satisfies BridgeError);
        this.pending.clear();
        this.emit('connection', false);
      };
      ws.onmessage = (m) => this.receive(JSON.parse(String(m.data)) as BridgeWireMessage);
    });
    return this.opened;
  }

  private receive(msg: BridgeWireMessage): void {
    if (msg.type === 'event') return this.emit(msg.event, msg.payload);
    if (msg.type !== 'response') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.output);
    else p.reject(msg.error);
  }

  private emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  async request<K extends BridgeRequestName>(method: K, input: BridgeRequests[K]['input']): Promise<BridgeRequests[K]['output']> {
    const ws = await this.connect();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ type: 'request', id, method, input: input ?? null } satisfies BridgeWireMessage));
    });
  }

  on<K extends BridgeEventName>(event: K, listener: (payload: BridgeEvents[K]) => void): () => void {
    void this.connect().catch(() => undefined);
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  }
}

let bridge: LabBridge | undefined;

export function useBridge(): LabBridge {
  if (bridge) return bridge;
  if (window.lab) return (bridge = window.lab);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  bridge = new WebSocketBridge(`${proto}://${location.host}/bridge?token=${encodeURIComponent(token)}`);
  return bridge;
}
