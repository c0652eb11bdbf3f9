/**
 * TEMPORARY — written by the HTTP-endpoint helper so main/serve.ts can run before the real control plane
 * exists. The lead replaces this file with the real composition root; only the exported signature below
 * is the agreed contract. This placeholder answers `/version` (a v1.32 server), `/readyz`, `/livez`,
 * `/healthz`, and the API server's plain 404 Status for everything else. It ignores every option.
 */
import { apiErrors } from '../engine/apiserver/errors';
import type { ApiHandler, ApiResponse } from '../engine/apiserver/handler-types';

export interface ControlPlaneOptions {
  dataDir: string;
  nodes: number;
  zones: string[];
  speed: number;
}

export interface ControlPlane {
  handler: ApiHandler;
  close(): Promise<void>;
}

const json = (status: number, value: unknown): ApiResponse => ({ kind: 'body', status, contentType: 'application/json', body: JSON.stringify(value) });
const text = (body: string): ApiResponse => ({ kind: 'body', status: 200, contentType: 'text/plain; charset=utf-8', body });

export async function createControlPlane(_opts: ControlPlaneOptions): Promise<ControlPlane> {
  const handler: ApiHandler = {
    async handle(req) {
      switch (req.path) {
        case '/version':
          return json(200, {
            major: '1',
            minor: '32',
            gitVersion: 'v1.32.0',
            gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
            gitTreeState: 'clean',
            buildDate: '2024-12-11T17:59:15Z',
            goVersion: 'go1.23.3',
            compiler: 'gc',
            platform: 'linux/amd64',
          });
        case '/readyz':
        case '/livez':
        case '/healthz':
          return text('ok');
        default:
          return json(404, apiErrors.pathNotFound().status);
      }
    },
  };
  return { handler, close: async () => {} };
}
