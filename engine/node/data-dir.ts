/**
 * The per-user data directory and the small secrets kept in it: the API token (reused so kubeconfigs keep
 * working) and the last port the Kubernetes endpoint listened on (reused when free, for the same reason).
 * Everything here is private to the user: directories 0700, files 0600, written atomically.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, win32 } from 'node:path';

/**
 * Linux (and other Unixes) `$XDG_DATA_HOME/cluster-lab` or `~/.local/share/cluster-lab`;
 * macOS `~/Library/Application Support/Cluster Lab`; Windows `%APPDATA%\Cluster Lab`.
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Cluster Lab');
  if (platform === 'win32') return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), 'Cluster Lab');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env['XDG_DATA_HOME'];
  if (xdg && xdg.startsWith('/')) return join(xdg, 'cluster-lab');
  return join(home, '.local', 'share', 'cluster-lab');
}

/** Creates `dir` (and parents) and makes `dir` itself owner-only, even if it already existed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}

/**
 * Replaces `path` atomically: a temp file in the same directory is written with `mode`, fsynced, renamed
 * over the target, and the directory fsynced, so a crash leaves either the old or the new file, whole.
 */
export async function writeFileAtomic(path: string, contents: string, mode: number): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(contents, 'utf8');
    // The umask may have narrowed the create mode; the final mode is what was asked for.
    await fh.chmod(mode);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is already durable enough for us.
  if (process.platform === 'win32') return;
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const TOKEN_FILE = 'token';
const PORT_FILE = 'port';

/** The API bearer token: 32 random bytes as hex, created once per data dir and reused afterwards. */
export async function readOrCreateToken(dataDir: string): Promise<string> {
  await ensurePrivateDir(dataDir);
  const path = join(dataDir, TOKEN_FILE);
  const existing = (await readIfExists(path))?.trim();
  if (existing && /^[0-9a-f]{64}$/.test(existing)) {
    if (process.platform !== 'win32') await chmod(path, 0o600);
    return existing;
  }
  const token = randomBytes(32).toString('hex');
  await writeFileAtomic(path, `${token}\n`, 0o600);
  return token;
}

/** The port the endpoint last listened on, if one was remembered and is a valid TCP port. */
export async function readRememberedPort(dataDir: string): Promise<number | undefined> {
  const text = (await readIfExists(join(dataDir, PORT_FILE)))?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

export async function rememberPort(dataDir: string, port: number): Promise<void> {
  await ensurePrivateDir(dataDir);
  await writeFileAtomic(join(dataDir, PORT_FILE), `${port}\n`, 0o600);
}
