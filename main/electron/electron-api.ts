/**
 * The subset of Electron's API the host uses, declared locally: the `electron` package (and its types) cannot be
 * installed here, so the code type-checks against these shapes and obtains the module at run time
 * (`createRequire(import.meta.url)('electron')` in the main process, `require('electron')` in the preload).
 * Names and signatures follow Electron's documentation; only what is used is declared.
 */

export interface WebPreferences {
  preload?: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  spellcheck?: boolean;
}

export interface BrowserWindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  webPreferences: WebPreferences;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface Session {
  webRequest: {
    onHeadersReceived(listener: (details: HeadersReceivedDetails, callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void) => void): void;
  };
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
}

export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

export interface WebContents {
  session: Session;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): void;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BrowserWindow {
  webContents: WebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'closed', listener: () => void): void;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
}

export type BrowserWindowConstructor = new (options: BrowserWindowOptions) => BrowserWindow;

export interface IpcMainInvokeEvent {
  senderFrame: { url: string } | null;
}

export interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: 'separator' | 'normal' | 'submenu';
  accelerator?: string;
  submenu?: MenuItemOptions[];
  click?: () => void;
}

export interface App {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(code?: number): void;
  getPath(name: 'userData'): string;
  getLocale(): string;
  getVersion(): string;
  getAppPath(): string;
  whenReady(): Promise<void>;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): void;
}

export interface ElectronMain {
  app: App;
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  };
  Menu: {
    buildFromTemplate(template: MenuItemOptions[]): unknown;
    setApplicationMenu(menu: unknown): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean; codeCache?: boolean } }>): void;
    handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response> | Response): void;
  };
  shell: { openExternal(url: string): Promise<void> };
}

export interface IpcRendererEvent {
  senderId?: number;
}

export interface ElectronRenderer {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
  };
}

/** IPC channels between the preload and the main process. */
export const REQUEST_CHANNEL = 'lab:request';
export const EVENT_CHANNEL = 'lab:event';
/** The renderer's origin: a privileged custom scheme serving dist/renderer (absolute asset paths work, unlike file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://cluster-lab';
