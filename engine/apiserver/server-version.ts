/** What `/version` reports: a v1.32 server (kubectl's version dispatcher picks its 1.32 binary from this). */
export const KUBERNETES_VERSION = 'v1.32.4';

export function serverVersion() {
  return {
    major: '1',
    minor: '32',
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '59526cd4867447956156ae3a602fcbac10ec8e43',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:02:27Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
