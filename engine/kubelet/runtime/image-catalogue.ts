/**
 * The image catalogue: which images exist, how big they are and how long they take to pull, what their file
 * system holds, and what their programs do (image-catalogue-data.ts holds the default as YAML). Loading checks
 * the shape and reports the first problem with its path (`programs[3].listen[0].port: must be an integer`).
 */
import { parse } from 'yaml';
import { CATALOGUE_YAML } from './image-catalogue-data';
import { parseImageReference } from './image-reference';

export interface HttpRoute {
  path: string;
  /** The route answers only while the program's uptime is below this many seconds. */
  untilSeconds?: number;
  status: number;
  body: string;
  contentType?: string;
}

export interface ListenSpec {
  port: number;
  http?: { server?: string; staticRoot?: string; routes?: HttpRoute[]; accessLog?: string };
  tcp?: boolean;
  redis?: boolean;
  grpc?: { status: 'SERVING' | 'NOT_SERVING' };
}

export interface SignalReaction {
  exitCode: number;
  stdout?: string[];
  stderr?: string[];
}

export interface ProgramSpec {
  /** argv[0]'s basename, optionally followed by argv[1] (`[agnhost, liveness]`). */
  match: string[];
  startup?: string[];
  startupStderr?: string[];
  /** Entrypoint scripts: after the startup lines, run argv[1:] in the same process (exec). */
  execArgs?: boolean;
  /** Print `startup` only when argv[1]'s basename is this (the nginx entrypoint talks only when starting nginx). */
  onlyWhenNextArg?: string;
  listen?: ListenSpec[];
  every?: { seconds: number; text: string; stream?: 'stdout' | 'stderr' };
  exit?: { afterSeconds: number; code: number; stdout?: string[]; stderr?: string[] };
  cpuMillicores?: number;
  memoryBytes?: number;
  memoryRampBytesPerSecond?: number;
  /** Reaction to TERM; without it a program dies of TERM (exit 143) unless it is PID 1 (then TERM is ignored). */
  onTerm?: SignalReaction;
  /** Reactions to the image's STOPSIGNAL when it is not TERM. */
  onStopSignal?: Record<string, SignalReaction>;
}

export interface ImageSpec {
  repository: string;
  tags: string[];
  sizeBytes: number;
  pullSeconds: number;
  base: string;
  shell: boolean;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir?: string;
  stopSignal?: string;
  files: Record<string, string>;
}

/** A host outside the cluster that simulated containers can reach by name. */
export interface InternetHost {
  host: string;
  ip: string;
  listen: ListenSpec[];
}

export interface ImageCatalogue {
  bases: Record<string, { files: Record<string, string> }>;
  images: ImageSpec[];
  programs: ProgramSpec[];
  internet: InternetHost[];
}

export class CatalogueError extends Error {}

export function loadImageCatalogue(yamlText: string): ImageCatalogue {
  const raw: unknown = parse(yamlText);
  const root = obj(raw, '');
  const bases: ImageCatalogue['bases'] = {};
  for (const [name, b] of Object.entries(obj(root.bases, 'bases'))) bases[name] = { files: strMap(obj(b, `bases.${name}`).files ?? {}, `bases.${name}.files`) };
  const images = arr(root.images, 'images').map((v, i): ImageSpec => {
    const p = `images[${i}]`;
    const o = obj(v, p);
    const base = str(o.base, `${p}.base`);
    if (bases[base] === undefined) throw new CatalogueError(`${p}.base: unknown base "${base}"`);
    return {
      repository: str(o.repository, `${p}.repository`),
      tags: arr(o.tags, `${p}.tags`).map((t, j) => str(t, `${p}.tags[${j}]`)),
      sizeBytes: int(o.sizeBytes, `${p}.sizeBytes`),
      pullSeconds: num(o.pullSeconds, `${p}.pullSeconds`),
      base,
      shell: bool(o.shell, `${p}.shell`),
      entrypoint: strList(o.entrypoint ?? [], `${p}.entrypoint`),
      cmd: strList(o.cmd ?? [], `${p}.cmd`),
      env: strMap(o.env ?? {}, `${p}.env`),
      workingDir: o.workingDir === undefined ? undefined : str(o.workingDir, `${p}.workingDir`),
      stopSignal: o.stopSignal === undefined ? undefined : str(o.stopSignal, `${p}.stopSignal`),
      files: strMap(o.files ?? {}, `${p}.files`),
    };
  });
  const programs = arr(root.programs, 'programs').map((v, i) => program(v, `programs[${i}]`));
  const internet = arr(root.internet ?? [], 'internet').map((v, i): InternetHost => {
    const p = `internet[${i}]`;
    const o = obj(v, p);
    return { host: str(o.host, `${p}.host`), ip: str(o.ip, `${p}.ip`), listen: arr(o.listen, `${p}.listen`).map((l, j) => listen(l, `${p}.listen[${j}]`)) };
  });
  return { bases, images, programs, internet };
}

function program(v: unknown, p: string): ProgramSpec {
  const o = obj(v, p);
  const spec: ProgramSpec = { match: strList(o.match, `${p}.match`) };
  if (spec.match.length < 1 || spec.match.length > 2) throw new CatalogueError(`${p}.match: must name argv[0] and optionally argv[1]`);
  if (o.startup !== undefined) spec.startup = strList(o.startup, `${p}.startup`);
  if (o.startupStderr !== undefined) spec.startupStderr = strList(o.startupStderr, `${p}.startupStderr`);
  if (o.execArgs !== undefined) spec.execArgs = bool(o.execArgs, `${p}.execArgs`);
  if (o.onlyWhenNextArg !== undefined) spec.onlyWhenNextArg = str(o.onlyWhenNextArg, `${p}.onlyWhenNextArg`);
  if (o.cpuMillicores !== undefined) spec.cpuMillicores = num(o.cpuMillicores, `${p}.cpuMillicores`);
  if (o.memoryBytes !== undefined) spec.memoryBytes = int(o.memoryBytes, `${p}.memoryBytes`);
  if (o.memoryRampBytesPerSecond !== undefined) spec.memoryRampBytesPerSecond = int(o.memoryRampBytesPerSecond, `${p}.memoryRampBytesPerSecond`);
  if (o.listen !== undefined) spec.listen = arr(o.listen, `${p}.listen`).map((l, j) => listen(l, `${p}.listen[${j}]`));
  if (o.every !== undefined) {
    const e = obj(o.every, `${p}.every`);
    const stream = e.stream === undefined ? undefined : str(e.stream, `${p}.every.stream`);
    if (stream !== undefined && stream !== 'stdout' && stream !== 'stderr') throw new CatalogueError(`${p}.every.stream: must be stdout or stderr`);
    spec.every = { seconds: num(e.seconds, `${p}.every.seconds`), text: str(e.text, `${p}.every.text`), stream };
  }
  if (o.exit !== undefined) {
    const e = obj(o.exit, `${p}.exit`);
    spec.exit = {
      afterSeconds: num(e.afterSeconds, `${p}.exit.afterSeconds`),
      code: int(e.code, `${p}.exit.code`),
      stdout: e.stdout === undefined ? undefined : strList(e.stdout, `${p}.exit.stdout`),
      stderr: e.stderr === undefined ? undefined : strList(e.stderr, `${p}.exit.stderr`),
    };
  }
  if (o.onTerm !== undefined) spec.onTerm = reaction(o.onTerm, `${p}.onTerm`);
  if (o.onStopSignal !== undefined) {
    spec.onStopSignal = {};
    for (const [sig, r] of Object.entries(obj(o.onStopSignal, `${p}.onStopSignal`))) spec.onStopSignal[sig] = reaction(r, `${p}.onStopSignal.${sig}`);
  }
  return spec;
}

function reaction(v: unknown, p: string): SignalReaction {
  const o = obj(v, p);
  return {
    exitCode: int(o.exitCode, `${p}.exitCode`),
    stdout: o.stdout === undefined ? undefined : strList(o.stdout, `${p}.stdout`),
    stderr: o.stderr === undefined ? undefined : strList(o.stderr, `${p}.stderr`),
  };
}

function listen(v: unknown, p: string): ListenSpec {
  const o = obj(v, p);
  const spec: ListenSpec = { port: int(o.port, `${p}.port`) };
  if (o.http !== undefined) {
    const h = obj(o.http, `${p}.http`);
    spec.http = {
      server: h.server === undefined ? undefined : str(h.server, `${p}.http.server`),
      staticRoot: h.staticRoot === undefined ? undefined : str(h.staticRoot, `${p}.http.staticRoot`),
      accessLog: h.accessLog === undefined ? undefined : str(h.accessLog, `${p}.http.accessLog`),
      routes:
        h.routes === undefined
          ? undefined
          : arr(h.routes, `${p}.http.routes`).map((r, k) => {
              const q = `${p}.http.routes[${k}]`;
              const ro = obj(r, q);
              return {
                path: str(ro.path, `${q}.path`),
                untilSeconds: ro.untilSeconds === undefined ? undefined : num(ro.untilSeconds, `${q}.untilSeconds`),
                status: int(ro.status, `${q}.status`),
                body: ro.body === undefined ? '' : str(ro.body, `${q}.body`),
                contentType: ro.contentType === undefined ? undefined : str(ro.contentType, `${q}.contentType`),
              };
            }),
    };
  }
  if (o.tcp !== undefined) spec.tcp = bool(o.tcp, `${p}.tcp`);
  if (o.redis !== undefined) spec.redis = bool(o.redis, `${p}.redis`);
  if (o.grpc !== undefined) {
    const status = str(obj(o.grpc, `${p}.grpc`).status, `${p}.grpc.status`);
    if (status !== 'SERVING' && status !== 'NOT_SERVING') throw new CatalogueError(`${p}.grpc.status: must be SERVING or NOT_SERVING`);
    spec.grpc = { status };
  }
  return spec;
}

function obj(v: unknown, p: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new CatalogueError(`${p || '<root>'}: must be a mapping`);
  return v as Record<string, unknown>;
}
function arr(v: unknown, p: string): unknown[] {
  if (!Array.isArray(v)) throw new CatalogueError(`${p}: must be a list`);
  return v;
}
function str(v: unknown, p: string): string {
  if (typeof v !== 'string') throw new CatalogueError(`${p}: must be a string`);
  return v;
}
function num(v: unknown, p: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new CatalogueError(`${p}: must be a non-negative number`);
  return v;
}
function int(v: unknown, p: string): number {
  if (!Number.isInteger(v) || (v as number) < 0) throw new CatalogueError(`${p}: must be a non-negative integer`);
  return v as number;
}
function bool(v: unknown, p: string): boolean {
  if (typeof v !== 'boolean') throw new CatalogueError(`${p}: must be true or false`);
  return v;
}
function strList(v: unknown, p: string): string[] {
  return arr(v, p).map((s, i) => str(s, `${p}[${i}]`));
}
function strMap(v: unknown, p: string): Record<string, string> {
  const o = obj(v, p);
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(o)) out[k] = str(s, `${p}.${k}`);
  return out;
}

let defaultCatalogue: ImageCatalogue | undefined;
/** The built-in catalogue, parsed once. */
export function defaultImageCatalogue(): ImageCatalogue {
  defaultCatalogue ??= loadImageCatalogue(CATALOGUE_YAML);
  return defaultCatalogue;
}

/** The image spec for a normalized reference, when the catalogue has that repository and tag. */
export function findImage(catalogue: ImageCatalogue, normalizedRef: string): ImageSpec | undefined {
  const ref = parseImageReference(normalizedRef);
  return catalogue.images.find((i) => i.repository === ref.repository && (ref.tag === undefined || i.tags.includes('*') || i.tags.includes(ref.tag)));
}

/** The program for argv: `[name, arg1]` matches before `[name]`. */
export function findProgram(catalogue: ImageCatalogue, argv: string[]): ProgramSpec | undefined {
  const name = (argv[0] ?? '').split('/').pop() ?? '';
  return (
    catalogue.programs.find((p) => p.match.length === 2 && p.match[0] === name && p.match[1] === argv[1]) ??
    catalogue.programs.find((p) => p.match.length === 1 && p.match[0] === name)
  );
}
