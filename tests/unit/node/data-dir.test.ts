import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, readOrCreateToken, readRememberedPort, rememberPort } from '../../../engine/node/data-dir';
import { withTempDir } from './endpoint-fixture';

describe('defaultDataDir', () => {
  it('follows XDG on Linux, with ~/.local/share as the fallback and relative XDG_DATA_HOME ignored', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/u')).toBe('/x/data/cluster-lab');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/cluster-lab');
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, 'linux', '/home/u')).toBe('/home/u/.local/share/cluster-lab');
  });
  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Cluster Lab');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Cluster Lab');
  });
});

describe('token', () => {
  it('is 32 random bytes as hex, stored 0600 and reused', () =>
    withTempDir(async (dir) => {
      const token = await readOrCreateToken(dir);
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect((await stat(join(dir, 'token'))).mode & 0o777).toBe(0o600);
      expect(await readOrCreateToken(dir)).toBe(token);
      const other = await withTempDir((d) => readOrCreateToken(d));
      expect(other).not.toBe(token);
    }));
  it('replaces a malformed token file', () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, 'token'), 'short\n');
      const token = await readOrCreateToken(dir);
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect((await readFile(join(dir, 'token'), 'utf8')).trim()).toBe(token);
    }));
});

describe('remembered port', () => {
  it('round-trips and ignores garbage', () =>
    withTempDir(async (dir) => {
      expect(await readRememberedPort(dir)).toBeUndefined();
      await rememberPort(dir, 40123);
      expect(await readRememberedPort(dir)).toBe(40123);
      await writeFile(join(dir, 'port'), '70000\n');
      expect(await readRememberedPort(dir)).toBeUndefined();
    }));
});
