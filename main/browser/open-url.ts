/** Opens a URL in the learner's browser with the platform's opener; best effort, never throws. */
import { spawn } from 'node:child_process';

export function openerCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty string is its window title, so the URL is never taken for one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves true when the opener started, false when there is none (headless machines). */
export function openUrl(url: string, log: (message: string) => void): Promise<boolean> {
  const { command, args } = openerCommand(process.platform, url);
  return new Promise((resolveOpen) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', (err) => {
        log(`could not open a browser (${command}: ${err.message}); open the URL yourself`);
        resolveOpen(false);
      });
      child.once('spawn', () => {
        child.unref();
        resolveOpen(true);
      });
    } catch (err) {
      log(`could not open a browser (${String(err)}); open the URL yourself`);
      resolveOpen(false);
    }
  });
}
