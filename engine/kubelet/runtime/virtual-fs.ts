/**
 * A container's file system: the image's files, the pod's volumes mounted over them, and what processes write.
 * Volumes are `FileTree`s shared by every container of the sandbox that mounts them (an emptyDir written by an
 * init container is what nginx serves later); a read-only mount refuses writes with EROFS.
 * Paths are absolute and normalized (`.`/`..`/`//` resolved) before lookup.
 */

export type FsErrno = 'ENOENT' | 'EROFS' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';

/** strerror texts as busybox prints them. */
export const FS_ERROR_TEXT: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  EROFS: 'Read-only file system',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

export interface FileEntry {
  type: 'file' | 'dir';
  content: string;
  /** Virtual ms of the last write. */
  mtime: number;
}

/** A directory tree keyed by relative path ('' is its root, always a directory). */
export class FileTree {
  readonly entries = new Map<string, FileEntry>([['', { type: 'dir', content: '', mtime: 0 }]]);

  /** Files relative path → content; parent directories are created implicitly. */
  static from(files: Record<string, string>, mtime: number): FileTree {
    const tree = new FileTree();
    for (const [path, content] of Object.entries(files)) {
      const rel = normalizePath(`/${path}`).slice(1);
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!tree.entries.has(dir)) tree.entries.set(dir, { type: 'dir', content: '', mtime });
      }
      tree.entries.set(rel, { type: 'file', content, mtime });
    }
    return tree;
  }
}

export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

interface MountPoint {
  path: string;
  tree: FileTree;
  readOnly: boolean;
}

export class VirtualFs {
  private readonly mounts: MountPoint[] = [];

  constructor(
    private readonly root: FileTree,
    private readonly now: () => number,
  ) {}

  /** Deeper mounts shadow shallower ones; the mount point shows up in its parent's listing. */
  mount(path: string, tree: FileTree, readOnly: boolean): void {
    const at = normalizePath(path);
    this.mkdirp(at.split('/').slice(0, -1).join('/') || '/', true);
    this.mounts.push({ path: at, tree, readOnly });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  private locate(path: string): { tree: FileTree; rel: string; readOnly: boolean } {
    for (const m of this.mounts) {
      if (path === m.path || path.startsWith(m.path === '/' ? '/' : `${m.path}/`)) {
        return { tree: m.tree, rel: path.slice(m.path.length).replace(/^\//, ''), readOnly: m.readOnly };
      }
    }
    return { tree: this.root, rel: path.slice(1), readOnly: false };
  }

  stat(path: string): FileEntry | undefined {
    const { tree, rel } = this.locate(normalizePath(path));
    return tree.entries.get(rel);
  }

  readFile(path: string): string | FsErrno {
    const e = this.stat(path);
    if (e === undefined) return 'ENOENT';
    if (e.type === 'dir') return 'EISDIR';
    return e.content;
  }

  writeFile(path: string, content: string, append = false): FsErrno | undefined {
    const abs = normalizePath(path);
    const { tree, rel, readOnly } = this.locate(abs);
    const existing = tree.entries.get(rel);
    if (existing?.type === 'dir') return 'EISDIR';
    const parent = this.stat(abs.split('/').slice(0, -1).join('/') || '/');
    if (parent === undefined) return 'ENOENT';
    if (parent.type !== 'dir') return 'ENOTDIR';
    if (readOnly) return 'EROFS';
    tree.entries.set(rel, { type: 'file', content: append && existing ? existing.content + content : content, mtime: this.now() });
    return undefined;
  }

  /** touch: creates an empty file or updates the mtime. */
  touch(path: string): FsErrno | undefined {
    const e = this.stat(path);
    if (e === undefined) return this.writeFile(path, '');
    const { readOnly } = this.locate(normalizePath(path));
    if (readOnly) return 'EROFS';
    e.mtime = this.now();
    return undefined;
  }

  mkdir(path: string): FsErrno | undefined {
    const abs = normalizePath(path);
    if (this.stat(abs) !== undefined) return 'EEXIST';
    const parent = this.stat(abs.split('/').slice(0, -1).join('/') || '/');
    if (parent === undefined) return 'ENOENT';
    const { tree, rel, readOnly } = this.locate(abs);
    if (readOnly) return 'EROFS';
    tree.entries.set(rel, { type: 'dir', content: '', mtime: this.now() });
    return undefined;
  }

  /** mkdir -p; `force` creates directories even under read-only mounts (used when mounting). */
  mkdirp(path: string, force = false): FsErrno | undefined {
    const abs = normalizePath(path);
    let at = '';
    for (const part of abs.split('/').filter(Boolean)) {
      at += `/${part}`;
      const e = this.stat(at);
      if (e?.type === 'file') return 'ENOTDIR';
      if (e === undefined) {
        const { tree, rel, readOnly } = this.locate(at);
        if (readOnly && !force) return 'EROFS';
        tree.entries.set(rel, { type: 'dir', content: '', mtime: this.now() });
      }
    }
    return undefined;
  }

  remove(path: string, recursive: boolean): FsErrno | undefined {
    const abs = normalizePath(path);
    const { tree, rel, readOnly } = this.locate(abs);
    const e = tree.entries.get(rel);
    if (e === undefined) return 'ENOENT';
    if (readOnly) return 'EROFS';
    if (e.type === 'dir') {
      const children = [...tree.entries.keys()].filter((k) => k.startsWith(rel === '' ? '' : `${rel}/`) && k !== rel);
      if (!recursive) return 'EISDIR';
      for (const k of children) tree.entries.delete(k);
    }
    tree.entries.delete(rel);
    return undefined;
  }

  /** Names directly inside a directory, sorted; including mount points below it. */
  list(path: string): string[] | FsErrno {
    const abs = normalizePath(path);
    const e = this.stat(abs);
    if (e === undefined) return 'ENOENT';
    if (e.type !== 'dir') return 'ENOTDIR';
    const { tree, rel } = this.locate(abs);
    const prefix = rel === '' ? '' : `${rel}/`;
    const names = new Set<string>();
    for (const k of tree.entries.keys()) {
      if (k !== rel && k.startsWith(prefix) && !k.slice(prefix.length).includes('/')) names.add(k.slice(prefix.length));
    }
    for (const m of this.mounts) {
      const parent = m.path.split('/').slice(0, -1).join('/') || '/';
      if (parent === abs && m.path !== '/') names.add(m.path.split('/').pop() ?? '');
    }
    return [...names].filter(Boolean).sort();
  }

  /** Every file and directory under `path` (inclusive), depth-first in name order, as absolute paths. */
  walk(path: string): string[] {
    const abs = normalizePath(path);
    const e = this.stat(abs);
    if (e === undefined) return [];
    if (e.type === 'file') return [abs];
    const out = [abs];
    const names = this.list(abs);
    if (typeof names === 'string') return out;
    for (const n of names) out.push(...this.walk(abs === '/' ? `/${n}` : `${abs}/${n}`));
    return out;
  }
}
