/**
 * How kubectl reports the errors a multi-object command collected (cmdutil.CheckErr over an Aggregate): one
 * error prints as usual; several print one per line, API errors as `Error from server (…)`, others bare.
 */
export function printCollected(stderr: (s: string) => void, messages: readonly string[]): void {
  if (messages.length === 0) return;
  if (messages.length === 1) {
    const m = messages[0] as string;
    stderr(m.endsWith('\n') ? m : `${m}\n`);
    return;
  }
  stderr(messages.map((m) => `${m.replace(/^error: /, '').replace(/\n$/, '')}\n`).join(''));
}
