/**
 * The renderer's Content-Security-Policy, one definition for both front doors (Electron's session and custom
 * protocol, browser mode's HTTP responses).
 *
 * - script-src 'self': only the built bundle runs; no inline scripts, no eval (Vue runtime build, vue-i18n's
 *   JIT message compiler and Monaco need none).
 * - worker-src 'self': Monaco's and monaco-yaml's workers are separate files in the build (Vite `?worker` /
 *   `new Worker(new URL(…))`), loaded same-origin; no blob: workers.
 * - style-src 'self' 'unsafe-inline': Monaco and xterm set inline styles and inject <style> elements at run
 *   time; styles cannot run code.
 * - connect-src: Electron needs no network at all; browser mode needs its own WebSocket (`/bridge`).
 * - object-src, frame-ancestors and form-action 'none'; base-uri 'none' so a <base> cannot redirect `self`.
 */
export function contentSecurityPolicy(opts: { webSocketOrigin?: string } = {}): string {
  const connect = ["'self'", ...(opts.webSocketOrigin ? [opts.webSocketOrigin] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
