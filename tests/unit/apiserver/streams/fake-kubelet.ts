/**
 * A small fake kubelet + container runtime for the stream tests: just enough behaviour behind the
 * KubeletHandle port to answer logs, exec (env, an echoing tty shell, exit codes, tar for cp), attach and
 * port-forward (an nginx-like HTTP responder on port 80). Output is emitted asynchronously, as a runtime would.
 */
import { toDisposable, type Disposable } from '../../../../engine/base/disposable';
import { Emitter } from '../../../../engine/base/event';
import type { KubeletDirectory, KubeletHandle } from '../../../../engine/kubelet/kubelet-handle';
import type { Connection, ContainerEvent, ContainerRuntime, LogLine, LogQuery, ProcessSession } from '../../../../engine/kubelet/runtime/container-runtime';
import { readTar, writeTar } from '../../../../engine/kubelet/runtime/ustar';
import { decodeUtf8, encodeUtf8 } from '../../../../engine/kubelet/runtime/utf8';

export const NGINX_BODY = '<!DOCTYPE html>\n<html><body><h1>Welcome to nginx!</h1></body></html>\n';

interface FakeContainer {
  id: string;
  podUid: string;
  name: string;
  running: boolean;
  logs: LogLine[];
}

export class FakeRuntime {
  readonly containers = new Map<string, FakeContainer>();
  readonly files = new Map<string, string>([['/tmp/hello.txt', 'hello from the pod\n']]);
  readonly resizes: Array<[number, number]> = [];
  readonly events = new Emitter<ContainerEvent>();
  private followers = new Map<string, Set<(l: LogLine) => void>>();

  add(c: FakeContainer): void {
    this.containers.set(c.id, c);
  }

  /** Appends a log line now and hands it to followers. */
  log(id: string, text: string, time: number): void {
    const line: LogLine = { time, stream: 'stdout', text };
    this.containers.get(id)?.logs.push(line);
    for (const f of this.followers.get(id) ?? []) f(line);
  }

  runtime(): ContainerRuntime {
    const { containers, followers, events } = this;
    const unsupported = () => {
      throw new Error('not used by stream tests');
    };
    return {
      version: 'containerd://1.7.24',
      imageStatus: unsupported,
      pullImage: unsupported,
      listImages: unsupported,
      runPodSandbox: unsupported,
      stopPodSandbox: unsupported,
      removePodSandbox: unsupported,
      createContainer: unsupported,
      startContainer: unsupported,
      stopContainer: unsupported,
      removeContainer: unsupported,
      containerStatus(id) {
        const c = containers.get(id);
        if (!c) return undefined;
        return { id, name: c.name, state: c.running ? 'running' : 'exited', createdAt: 0, startedAt: 0, finishedAt: 0, exitCode: 0, reason: '', message: '', image: '', imageRef: '' };
      },
      listContainers: () => [],
      onContainerEvent: events.event,
      execSync: unsupported,
      exec: (id, cmd, tty) => this.exec(id, cmd, tty),
      attach: (id) => this.shell(id, true, 'attached'),
      logs(id: string, q: LogQuery = {}) {
        let lines = (containers.get(id)?.logs ?? []).filter((l) => q.sinceMs === undefined || l.time >= q.sinceMs);
        if (q.tailLines !== undefined) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
        return lines;
      },
      followLogs(id, onLine): Disposable {
        let set = followers.get(id);
        if (!set) followers.set(id, (set = new Set()));
        set.add(onLine);
        return toDisposable(() => set.delete(onLine));
      },
      connect: (_sandbox, port) => (port === 80 ? nginx() : undefined),
      httpGet: unsupported,
      tcpProbe: unsupported,
      grpcProbe: unsupported,
      usage: () => undefined,
    };
  }

  private exec(id: string, cmd: string[], tty: boolean): ProcessSession {
    const [bin, ...args] = cmd;
    if (bin === 'env') return finished([['stdout', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web\n']], 0);
    if (bin === 'sh' && args[0] === '-c') {
      const m = /^exit (\d+)$/.exec(args[1] ?? '');
      if (m) return finished([['stderr', 'bye\n']], Number(m[1]));
      return finished([['stdout', `${args[1]}\n`]], 0);
    }
    if (bin === 'sh') return this.shell(id, tty, '');
    if (bin === 'already-done') return replayed([['stdout', 'done before anyone listened\n']], 2);
    if (bin === 'tar') return this.tar(args);
    return finished([['stderr', `sh: ${bin}: not found\n`]], 127);
  }

  /** An interactive shell stand-in: a line `exit` ends it, any other line is answered `you said: …`. */
  private shell(_id: string, tty: boolean, greeting: string): ProcessSession {
    const output = new Emitter<{ stream: 'stdout' | 'stderr'; data: string }>();
    const exit = new Emitter<{ exitCode: number }>();
    let buffer = '';
    let done = false;
    const end = (code: number) => {
      if (done) return;
      done = true;
      setTimeout(() => exit.fire({ exitCode: code }), 5);
    };
    if (greeting) setTimeout(() => output.fire({ stream: 'stdout', data: `${greeting}\n` }), 5);
    return {
      writeStdin(data) {
        if (tty) output.fire({ stream: 'stdout', data: data.replace(/\r/g, '\r\n') });
        buffer += data;
        let m: RegExpExecArray | null;
        while ((m = /^(.*?)[\r\n]+/.exec(buffer))) {
          buffer = buffer.slice(m[0].length);
          if (m[1] === 'exit') return end(0);
          output.fire({ stream: 'stdout', data: `you said: ${m[1]}${tty ? '\r\n' : '\n'}` });
        }
      },
      closeStdin: () => end(0),
      resize: (cols, rows) => this.resizes.push([cols, rows]),
      onOutput: output.event,
      onExit: exit.event,
      close: () => {
        done = true;
      },
    };
  }

  /** `tar cf - <path>` packs one file; `tar -xmf - -C <dir>` (any x… mode) unpacks stdin into the fake FS. */
  private tar(args: string[]): ProcessSession {
    const mode = args.find((a) => /^-?[a-z]*[cx][a-z]*$/.test(a)) ?? '';
    if (mode.includes('c')) {
      const path = args[args.length - 1] ?? '';
      const content = this.files.get(path);
      if (content === undefined) return finished([['stderr', `tar: ${path}: No such file or directory\n`]], 1);
      const tar = writeTar([{ path: path.replace(/^\//, ''), type: 'file', content, mtime: 1_700_000_000, mode: 0o644 }]);
      return finished([['stdout', decodeUtf8(tar)]], 0);
    }
    const dir = args[args.indexOf('-C') + 1] ?? '/';
    const output = new Emitter<{ stream: 'stdout' | 'stderr'; data: string }>();
    const exit = new Emitter<{ exitCode: number }>();
    let input = '';
    return {
      writeStdin: (data) => {
        input += data;
      },
      closeStdin: () => {
        for (const e of readTar(encodeUtf8(input))) if (e.type === 'file') this.files.set(`${dir.replace(/\/$/, '')}/${e.path}`, e.content);
        setTimeout(() => exit.fire({ exitCode: 0 }), 5);
      },
      resize: () => undefined,
      onOutput: output.event,
      onExit: exit.event,
      close: () => undefined,
    };
  }
}

function finished(chunks: Array<['stdout' | 'stderr', string]>, exitCode: number): ProcessSession {
  const output = new Emitter<{ stream: 'stdout' | 'stderr'; data: string }>();
  const exit = new Emitter<{ exitCode: number }>();
  setTimeout(() => {
    for (const [stream, data] of chunks) output.fire({ stream, data });
    exit.fire({ exitCode });
  }, 20);
  return { writeStdin: () => undefined, closeStdin: () => undefined, resize: () => undefined, onOutput: output.event, onExit: exit.event, close: () => undefined };
}

/** A session that finished before anyone subscribed: subscribing replays its output and exit at once. */
function replayed(chunks: Array<['stdout' | 'stderr', string]>, exitCode: number): ProcessSession {
  const onOutput: ProcessSession['onOutput'] = (listener) => {
    for (const [stream, data] of chunks) listener({ stream, data });
    return toDisposable(() => undefined);
  };
  const onExit: ProcessSession['onExit'] = (listener) => {
    listener({ exitCode });
    return toDisposable(() => undefined);
  };
  return { writeStdin: () => undefined, closeStdin: () => undefined, resize: () => undefined, onOutput, onExit, close: () => undefined };
}

/** One HTTP exchange, answered like nginx's default page, then the server closes. */
function nginx(): Connection {
  const data = new Emitter<Uint8Array>();
  const closed = new Emitter<void>();
  let request = '';
  let answered = false;
  return {
    write(bytes) {
      request += decodeUtf8(bytes);
      if (answered || !request.includes('\r\n\r\n')) return;
      answered = true;
      const body = encodeUtf8(NGINX_BODY);
      const head = `HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
      setTimeout(() => {
        data.fire(encodeUtf8(head));
        data.fire(body);
        closed.fire();
      }, 5);
    },
    end() {
      if (!answered) closed.fire();
    },
    onData: data.event,
    onClose: closed.event,
  };
}

export function fakeDirectory(runtime: FakeRuntime, nodeName: string, opts: { reachable: () => boolean }): KubeletDirectory {
  const rt = runtime.runtime();
  const handle: KubeletHandle = {
    nodeName,
    runtime: rt,
    reachable: opts.reachable,
    sandboxId: (uid) => `sandbox-${uid}`,
    containerId(uid, name, previous) {
      const id = `${uid}-${name}${previous ? '-0' : ''}`;
      return runtime.containers.has(id) ? id : undefined;
    },
  };
  return (name) => (name === nodeName ? handle : undefined);
}
