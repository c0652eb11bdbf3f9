/**
 * Waits until an object is gone (or replaced by one with another uid), watching it by name as kubectl's
 * delete --wait does; the abort signal (Ctrl-C) stops the wait.
 */
import { StatusError } from '../apiserver/errors/status-error';
import type { AbortSignalLike } from './context';
import type { Json, Rest } from './rest';

export async function waitForDeletion(rest: Rest, signal: AbortSignalLike, collectionPath: string, name: string, uid: string | undefined): Promise<string | undefined> {
  let current: Json;
  try {
    current = await rest.json<Json>({ method: 'GET', path: `${collectionPath}/${name}` });
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) return undefined;
    throw e;
  }
  const meta = current['metadata'] as Json;
  if (uid !== undefined && meta['uid'] !== uid) return undefined;
  if (signal.aborted) return undefined;
  return new Promise((resolve) => {
    let done = false;
    let sub: { dispose(): void } | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      abort.dispose();
      sub?.dispose();
      resolve(undefined);
    };
    const abort = signal.onAbort(finish);
    rest
      .stream(
        { method: 'GET', path: collectionPath, query: { watch: 'true', fieldSelector: `metadata.name=${name}`, resourceVersion: meta['resourceVersion'] as string } },
        (line) => {
          const ev = JSON.parse(line) as { type: string; object: Json };
          if (ev.type === 'DELETED') finish();
        },
        finish,
      )
      .then((d) => {
        sub = d;
        if (done) d.dispose();
      })
      .catch(finish);
  });
}
