/**
 * Electron's main process (built to dist/main/electron-main.js by scripts/build-main.mjs): one instance, one
 * window from the secure window factory, the renderer served over app://, the app host with its data in
 * `userData`, and IPC dispatched to the same handler table browser mode uses. Only frames of our own origin may
 * call the bridge.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppHost } from '../host/app-host';
import { createAppHost, readAppVersion } from '../host/app-host';
import { engineServices } from '../host/engine-services';
import { dispatchBridgeRequest } from '../bridge/handlers';
import { applicationMenuTemplate } from './app-menu';
import { rendererProtocolHandler } from './app-protocol';
import { APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL, REQUEST_CHANNEL, type BrowserWindow, type ElectronMain } from './electron-api';
import { createSecureWindow } from './window-factory';

/** dist/main → the app root (package.json, labs/, dist/renderer). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = createRequire(import.meta.url)('electron') as ElectronMain;
const { app, ipcMain, Menu, protocol, shell } = electron;

const log = (message: string): void => {
  process.stderr.write(`cluster-lab: ${message}\n`);
};

// codeCache: V8 keeps the code it compiled from app:// scripts between launches (Monaco's ~3 MB above all).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let host: AppHost | undefined;

  const openWindow = async (): Promise<void> => {
    win = createSecureWindow(electron.BrowserWindow, {
      preloadPath: join(ROOT, 'dist', 'main', 'preload.cjs'),
      openExternal: (url) => void shell.openExternal(url),
    });
    win.on('closed', () => (win = undefined));
    await win.loadURL(`${APP_ORIGIN}/index.html`);
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    protocol.handle(APP_SCHEME, rendererProtocolHandler(join(ROOT, 'dist', 'renderer')));
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { openDataDir: () => void shell.openExternal(`file://${dataDir}`) })));
    host = await createAppHost({
      dataDir,
      nodes: 2,
      zones: ['zone-a'],
      speed: 1,
      mode: 'electron',
      version: await readAppVersion(join(ROOT, 'package.json')),
      labsDir: join(ROOT, 'labs'),
      engine: engineServices,
      osLocale: /^zh/i.test(app.getLocale()) ? 'zh-CN' : 'en',
      log,
    });
    const handlers = host.handlers;
    ipcMain.handle(REQUEST_CHANNEL, async (event, method, input) => {
      // Only our own page may use the bridge (not a frame that somehow navigated elsewhere).
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) return { ok: false, error: { code: 'invalid-input', message: 'request from an unexpected origin' } };
      return dispatchBridgeRequest(handlers, method, input);
    });
    host.onEvent(({ event, payload }) => {
      if (win && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
    });
    await openWindow();
    app.on('activate', () => {
      if (!win) void openWindow();
    });
  }).catch((err: unknown) => {
    log(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('before-quit', (event) => {
    if (!host || closing) return;
    // Flush the store before exiting.
    event.preventDefault();
    closing = true;
    host.close().finally(() => app.exit(0));
  });
}
