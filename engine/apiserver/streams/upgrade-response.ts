/** Wraps a stream into the upgrade answer, with upstream's reply for clients that did not ask to upgrade. */
import { apiErrors } from '../errors/status-error';
import type { ApiUpgradeResponse, PortForwardStream, RemoteCommandStream } from '../handler-types';

const UPGRADE_REQUIRED = JSON.stringify(apiErrors.badRequest('Upgrade request required').status);

export function upgradeResponse(stream: RemoteCommandStream | PortForwardStream): ApiUpgradeResponse {
  return { kind: 'upgrade', stream, status: 400, contentType: 'application/json', body: UPGRADE_REQUIRED };
}
