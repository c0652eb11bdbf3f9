/**
 * A `Status` rendered once into the bytes the endpoint writes, so the hot rejection paths (401, 403)
 * serialize nothing per request.
 */
import type { ServerResponse } from 'node:http';
import type { Status } from '../../apiserver/errors';

export interface StatusReply {
  code: number;
  body: Buffer;
}

export function statusReply(status: Status): StatusReply {
  return { code: status.code, body: Buffer.from(JSON.stringify(status), 'utf8') };
}

/** Writes a Status reply; `close` asks the client to drop the connection (used after an unread body). */
export function writeStatusReply(res: ServerResponse, reply: StatusReply, close = false): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': reply.body.length,
  };
  if (close) headers['Connection'] = 'close';
  res.writeHead(reply.code, headers);
  res.end(reply.body);
}
