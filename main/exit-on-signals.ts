/**
 * SIGINT/SIGTERM for the host entry points: the first signal closes everything in order (`close`) and exits 0, or 1
 * when closing fails; a second signal exits at once without waiting.
 */
export function exitOnSignals(log: (line: string) => void, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
