/** browser-main's flags: its own (--port, --no-open, --kube-port) and serve's cluster flags with serve's validation. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBrowserArgs } from '../../../main/browser-main';
import { UsageError } from '../../../main/serve';

describe('parseBrowserArgs', () => {
  it('reads the e2e command line', () => {
    const a = parseBrowserArgs(['--data-dir', '/tmp/x', '--port', '0', '--no-open', '--nodes', '3', '--zones', 'a,b', '--speed', '10']);
    expect(a).toEqual({ port: 0, open: false, serve: { dataDir: resolve('/tmp/x'), nodes: 3, zones: ['a', 'b'], speed: 10, port: undefined } });
  });

  it('defaults to any free app port, opening the browser, and passes --kube-port as the API port', () => {
    const a = parseBrowserArgs(['--data-dir=/d', '--kube-port=7443']);
    expect(a.port).toBe(0);
    expect(a.open).toBe(true);
    expect(a.serve.port).toBe(7443);
  });

  it('rejects malformed and unknown flags', () => {
    for (const argv of [['--port', 'x'], ['--port', '70000'], ['--port', '1', '--port', '2'], ['--no-open=yes'], ['--headless'], ['--nodes', '0'], ['--speed', '1000'], ['--zones', 'bad zone'], ['--bogus'], ['--kube-port']]) {
      expect(() => parseBrowserArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});
