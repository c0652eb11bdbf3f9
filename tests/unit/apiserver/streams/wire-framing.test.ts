/**
 * The wire protocols by their specs: the SPDY/3 dictionary (1423 bytes; the sha256 client-go's framer
 * interoperates with), SPDY frame layout and header blocks, the port-forward session's replies as a Go
 * spdystream client sees them, metrics-server's quantity text, and the WebSocket channel protocol end to end
 * through the HTTPS endpoint (same token check as every request).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, createDeflate, createInflate } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiHandler, ApiResponse, PortForwardConnection, RemoteCommandInput } from '../../../../engine/apiserver/handler-types';
import { upgradeResponse } from '../../../../engine/apiserver/streams/upgrade-response';
import { cpuQuantity, memoryQuantity, windowDuration } from '../../../../engine/apiserver/metrics/metrics-quantity';
import { Emitter } from '../../../../engine/base/event';
import { startKubeEndpoint, type KubeEndpoint } from '../../../../engine/node/http';
import { SPDY3_HEADER_DICTIONARY } from '../../../../engine/node/http/spdy/header-dictionary';
import { PortForwardSession } from '../../../../engine/node/http/spdy/port-forward-session';
import { dataFrame, decodeHeaderBlock, encodeHeaderBlock, FLAG_FIN, FrameReader, FrameType, type RawFrame } from '../../../../engine/node/http/spdy/spdy-frames';
import { loadOrCreateTls } from '../../../../engine/node/tls';

describe('SPDY/3', () => {
  it('header dictionary is the spec one', () => {
    expect(SPDY3_HEADER_DICTIONARY.length).toBe(1423);
    expect(createHash('sha256').update(SPDY3_HEADER_DICTIONARY).digest('hex')).toBe('51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
  });

  it('frames split across chunks are reassembled', () => {
    const bytes = Buffer.concat([dataFrame(3, Buffer.from('hello')), dataFrame(5, Buffer.alloc(0), FLAG_FIN)]);
    const reader = new FrameReader();
    expect(reader.push(bytes.subarray(0, 6))).toEqual([]);
    expect(reader.push(bytes.subarray(6))).toEqual([
      { control: false, streamId: 3, flags: 0, data: Buffer.from('hello') },
      { control: false, streamId: 5, flags: FLAG_FIN, data: Buffer.alloc(0) },
    ]);
  });

  it('header blocks are count + length-prefixed lower-case names and values', () => {
    const block = encodeHeaderBlock({ StreamType: 'data', port: '80' });
    expect(block.toString('hex')).toBe('00000002' + '0000000a' + Buffer.from('streamtype').toString('hex') + '00000004' + Buffer.from('data').toString('hex') + '00000004' + Buffer.from('port').toString('hex') + '00000002' + Buffer.from('80').toString('hex'));
    expect(decodeHeaderBlock(block)).toEqual({ streamtype: 'data', port: '80' });
  });
});

/** A client-side view of a SPDY connection: its own deflate/inflate contexts, as spdystream keeps them. */
class SpdyClient {
  private readonly deflate = createDeflate({ dictionary: SPDY3_HEADER_DICTIONARY });
  private readonly inflate = createInflate({ dictionary: SPDY3_HEADER_DICTIONARY });
  private readonly reader = new FrameReader();
  readonly frames: RawFrame[] = [];

  receive(bytes: Buffer): void {
    this.frames.push(...this.reader.push(bytes));
  }

  async synStream(id: number, headers: Record<string, string>): Promise<Buffer> {
    const block = await flushThrough(this.deflate, encodeHeaderBlock(headers));
    const payload = Buffer.alloc(10);
    payload.writeUInt32BE(id, 0);
    const body = Buffer.concat([payload, block]);
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8003, 0);
    head.writeUInt16BE(FrameType.SynStream, 2);
    head.writeUIntBE(body.length, 5, 3);
    return Buffer.concat([head, body]);
  }

  async replyHeaders(frame: RawFrame): Promise<Record<string, string>> {
    if (!frame.control) throw new Error('not a control frame');
    return decodeHeaderBlock(await flushThrough(this.inflate, frame.payload.subarray(4)));
  }
}

function flushThrough(z: ReturnType<typeof createDeflate> | ReturnType<typeof createInflate>, input: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    z.on('data', onData);
    z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () =>
      setImmediate(() => {
        z.off('data', onData);
        resolve(Buffer.concat(chunks));
      }),
    );
  });
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('port-forward session', () => {
  it('replies to each stream, joins data to the pod and closes both streams when the pod closes', async () => {
    const client = new SpdyClient();
    const podData = new Emitter<Uint8Array>();
    const podClose = new Emitter<void>();
    const written: string[] = [];
    const conn: PortForwardConnection = { write: (d) => written.push(Buffer.from(d).toString()), end: () => undefined, onData: podData.event, onClose: podClose.event };
    const session = new PortForwardSession({ kind: 'portforward', ports: [], connect: (port) => (port === 80 ? conn : { error: 'refused' }) }, { send: (b) => client.receive(b), close: () => undefined });
    session.receive(await client.synStream(1, { streamtype: 'error', port: '80', requestid: '0' }));
    session.receive(await client.synStream(3, { streamtype: 'data', port: '80', requestid: '0' }));
    session.receive(dataFrame(3, Buffer.from('GET / HTTP/1.1\r\n\r\n')));
    await settle();
    expect(written).toEqual(['GET / HTTP/1.1\r\n\r\n']);
    podData.fire(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'));
    podClose.fire();
    await settle();
    const [reply1, reply3, data, fin3, fin1] = client.frames;
    expect(reply1).toMatchObject({ control: true, type: FrameType.SynReply });
    expect(reply3).toMatchObject({ control: true, type: FrameType.SynReply });
    expect(await client.replyHeaders(reply1 as RawFrame)).toEqual({});
    expect(await client.replyHeaders(reply3 as RawFrame)).toEqual({});
    expect(data).toEqual({ control: false, streamId: 3, flags: 0, data: Buffer.from('HTTP/1.1 200 OK\r\n\r\n') });
    expect(fin3).toEqual({ control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.alloc(0) });
    expect(fin1).toEqual({ control: false, streamId: 1, flags: FLAG_FIN, data: Buffer.alloc(0) });
  });

  it("writes the kubelet's error on the error stream when nothing listens, and echoes pings", async () => {
    const client = new SpdyClient();
    const session = new PortForwardSession({ kind: 'portforward', ports: [], connect: () => ({ error: 'error forwarding port 81 to pod abc, uid : refused' }) }, { send: (b) => client.receive(b), close: () => undefined });
    session.receive(await client.synStream(1, { streamtype: 'error', port: '81', requestid: '7' }));
    session.receive(await client.synStream(3, { streamtype: 'data', port: '81', requestid: '7' }));
    const ping = Buffer.from('8003000600000004' + '00000005', 'hex');
    session.receive(ping);
    await settle();
    const data = client.frames.filter((f) => !f.control);
    expect(data).toEqual([
      { control: false, streamId: 1, flags: 0, data: Buffer.from('error forwarding port 81 to pod abc, uid : refused') },
      { control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.alloc(0) },
      { control: false, streamId: 1, flags: FLAG_FIN, data: Buffer.alloc(0) },
    ]);
    expect(client.frames.some((f) => f.control && f.type === FrameType.Ping && f.payload.readUInt32BE(0) === 5)).toBe(true);
  });
});

describe('metrics-server quantities', () => {
  it('renders CPU in decimal SI from nanocores and memory in binary SI from bytes', () => {
    expect(cpuQuantity(123456)).toBe('123456n');
    expect(cpuQuantity(5_000_000)).toBe('5m');
    expect(cpuQuantity(123_000)).toBe('123u');
    expect(cpuQuantity(2_000_000_000)).toBe('2');
    expect(memoryQuantity(12345 * 1024)).toBe('12345Ki');
    expect(memoryQuantity(1024 * 1024)).toBe('1Mi');
    expect(memoryQuantity(1000)).toBe('1000');
    expect(windowDuration(10.5)).toBe('10.5s');
    expect(windowDuration(90)).toBe('1m30s');
  });
});

describe('exec over WebSocket through the endpoint', () => {
  let endpoint: KubeEndpoint;
  let dir: string;
  let ca: string;
  let input: { calls: string[] };
  let finishWith: ((status: Record<string, unknown>) => void) | undefined;
  const token = 'test-token-123';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cluster-lab-ws-'));
    const tls = await loadOrCreateTls(dir);
    ca = tls.caPem;
    input = { calls: [] };
    const handler: ApiHandler = {
      handle: async (): Promise<ApiResponse> =>
        upgradeResponse({
          kind: 'remotecommand',
          stdin: true,
          stdout: true,
          stderr: true,
          tty: false,
          start(io) {
            finishWith = io.finish;
            setTimeout(() => io.stdout(Buffer.from('out')), 10);
            setTimeout(() => io.stderr(Buffer.from('err')), 20);
            const i: RemoteCommandInput = {
              stdin: (d) => input.calls.push(`stdin:${Buffer.from(d).toString()}`),
              closeStdin: () => {
                input.calls.push('close-stdin');
                io.finish({ metadata: {}, status: 'Success' });
              },
              resize: (w, h) => input.calls.push(`resize:${w}x${h}`),
              close: () => input.calls.push('gone'),
            };
            return i;
          },
        }),
    };
    endpoint = await startKubeEndpoint({ handler, host: '127.0.0.1', port: 0, tls: { key: tls.key, cert: tls.cert }, token });
  });

  afterAll(async () => {
    await endpoint?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const url = () => `wss://127.0.0.1:${endpoint.port}/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true&stdout=true&stderr=true`;

  it('negotiates v5.channel.k8s.io and moves channel-prefixed binary messages both ways', async () => {
    const ws = new WebSocket(url(), ['v5.channel.k8s.io', 'v4.channel.k8s.io'], { ca, headers: { Authorization: `Bearer ${token}` } });
    const messages: Buffer[] = [];
    ws.on('message', (m: Buffer) => messages.push(Buffer.from(m)));
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    ws.send(Buffer.from([0, ...Buffer.from('ls\n')]));
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":120,"Height":40}')]));
    await new Promise((r) => setTimeout(r, 50));
    ws.send(Buffer.from([255, 0]));
    const code = await new Promise<number>((r) => ws.once('close', (c: number) => r(c)));
    expect(code).toBe(1000);
    expect(messages.map((m) => [m[0], m.subarray(1).toString()])).toEqual([
      [1, ''],
      [1, 'out'],
      [2, 'err'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
    expect(input.calls).toEqual(['stdin:ls\n', 'resize:120x40', 'close-stdin']);
    expect(finishWith).toBeDefined();
  });

  it('refuses an upgrade without the token with the 401 Status', async () => {
    const ws = new WebSocket(url(), ['v5.channel.k8s.io'], { ca });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  it('refuses clients offering none of the channel protocols', async () => {
    const ws = new WebSocket(url(), ['base64.channel.k8s.io'], { ca, headers: { Authorization: `Bearer ${token}` } });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(400);
  });
});
