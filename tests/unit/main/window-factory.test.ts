/**
 * Electron security (issue #5, acceptance 3): the one window factory locks every window down — Electron's
 * security checklist items 2–4, 6, 7, 11–13 — checked against fake BrowserWindow/webContents/session objects,
 * since Electron itself cannot run here.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/content-security-policy';
import type { BrowserWindowOptions, HeadersReceivedDetails, PreventableEvent, Session, WindowOpenHandlerResponse } from '../../../main/electron/electron-api';
import { createSecureWindow } from '../../../main/electron/window-factory';

function fakes() {
  // Listeners are stored loosely typed; the tests call them with the arguments Electron passes.
  const listeners = new Map<string, (...args: never[]) => void>();
  const session = {
    permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | ((wc: unknown, permission: string) => boolean),
    headers: undefined as undefined | ((d: HeadersReceivedDetails, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
  };
  const sessionApi: Session = {
    webRequest: { onHeadersReceived: (l) => (session.headers = l) },
    setPermissionRequestHandler: (h) => (session.permissionRequest = h ?? undefined),
    setPermissionCheckHandler: (h) => (session.permissionCheck = h ?? undefined),
  };
  let openHandler: ((d: { url: string }) => WindowOpenHandlerResponse) | undefined;
  let options: BrowserWindowOptions | undefined;
  class FakeWindow {
    webContents = {
      session: sessionApi,
      on: (event: string, l: (...args: never[]) => void): void => void listeners.set(event, l),
      setWindowOpenHandler: (h: (d: { url: string }) => WindowOpenHandlerResponse) => (openHandler = h),
      send: () => {},
      isDestroyed: () => false,
    };
    constructor(o: BrowserWindowOptions) {
      options = o;
    }
    loadURL = async () => {};
    once = () => {};
    on = () => {};
    show = () => {};
    focus = () => {};
    isMinimized = () => false;
    restore = () => {};
  }
  return { FakeWindow, listeners, session, openHandler: () => openHandler, options: () => options };
}

const prevented = (): PreventableEvent & { prevented: boolean } => {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
};

describe('createSecureWindow', () => {
  it('sets every security webPreference', () => {
    const f = fakes();
    createSecureWindow(f.FakeWindow, { preloadPath: '/app/dist/main/preload.cjs' });
    const prefs = f.options()!.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
  });

  it('denies navigation, redirects and <webview>', () => {
    const f = fakes();
    createSecureWindow(f.FakeWindow, { preloadPath: 'p' });
    for (const event of ['will-navigate', 'will-redirect']) {
      const e = prevented();
      (f.listeners.get(event) as (e: PreventableEvent, url: string) => void)(e, 'https://evil.example/');
      expect(e.prevented, event).toBe(true);
    }
    const w = prevented();
    (f.listeners.get('will-attach-webview') as (e: PreventableEvent) => void)(w);
    expect(w.prevented).toBe(true);
  });

  it('denies new windows, handing only http(s) links to the system browser', () => {
    const f = fakes();
    const external: string[] = [];
    createSecureWindow(f.FakeWindow, { preloadPath: 'p', openExternal: (u) => external.push(u) });
    expect(f.openHandler()!({ url: 'https://kubernetes.io/docs/' })).toEqual({ action: 'deny' });
    expect(f.openHandler()!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(f.openHandler()!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://kubernetes.io/docs/']);
  });

  it('denies every permission request and check', () => {
    const f = fakes();
    createSecureWindow(f.FakeWindow, { preloadPath: 'p' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      f.session.permissionRequest!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(f.session.permissionCheck!({}, permission)).toBe(false);
    }
  });

  it('replaces any Content-Security-Policy header with the strict one', () => {
    const f = fakes();
    createSecureWindow(f.FakeWindow, { preloadPath: 'p' });
    let headers: Record<string, string[]> | undefined;
    f.session.headers!({ url: 'app://cluster-lab/index.html', responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers!['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(headers!['content-security-policy']).toBeUndefined();
    expect(headers!['Content-Type']).toEqual(['text/html']);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('allows scripts and workers from the app only: no inline script, no eval, no blob: workers', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy()).not.toContain('blob:');
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    // Electron's renderer needs no network at all.
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('lets browser mode reach its own WebSocket only', () => {
    const d = directives(contentSecurityPolicy({ webSocketOrigin: 'ws://127.0.0.1:4321' }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4321']);
  });
});
