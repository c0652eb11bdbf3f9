/**
 * THE window factory: every window of the app is made here, locked down the same way.
 * - webPreferences: context isolation, sandbox, no Node integration anywhere, web security on, no insecure
 *   content, no <webview>.
 * - Navigation (`will-navigate`, `will-redirect`) is cancelled: the renderer is a single page at APP_ORIGIN.
 * - New windows are denied (`setWindowOpenHandler` → deny); http(s) links open in the system browser instead.
 * - Permission requests and checks (camera, notifications, …) are denied.
 * - Every response gets the strict Content-Security-Policy header (the app:// protocol handler sets it too).
 */
import { contentSecurityPolicy } from '../content-security-policy';
import type { BrowserWindow, BrowserWindowConstructor, Session, WebPreferences } from './electron-api';

export interface WindowFactoryOptions {
  preloadPath: string;
  /** Opens an http(s) URL the page tried to open in a new window, outside the app. Omitted: dropped. */
  openExternal?: (url: string) => void;
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

const hardenedSessions = new WeakSet<Session>();

/** Permission denial and the CSP header, once per session. */
export function hardenSession(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const csp = contentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

export function createSecureWindow(BrowserWindowCtor: BrowserWindowConstructor, opts: WindowFactoryOptions): BrowserWindow {
  const win = new BrowserWindowCtor({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Cluster Lab',
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  const wc = win.webContents;
  hardenSession(wc.session);
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    if (opts.openExternal && /^https?:\/\//i.test(url)) opts.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  return win;
}
