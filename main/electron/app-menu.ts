/**
 * The application menu: the standard roles (so copy/paste, undo and zoom work in the editor and terminal,
 * and macOS gets its app menu), and nothing that loads remote content.
 */
import type { MenuItemOptions } from './electron-api';

export function applicationMenuTemplate(platform: NodeJS.Platform, opts: { openDataDir(): void }): MenuItemOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ label: 'Cluster Lab', submenu: [{ role: 'about' }, { type: 'separator' as const }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' as const }, { role: 'quit' }] }] : []),
    { label: 'File', submenu: [{ label: 'Show Data Folder', click: opts.openDataDir }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: 'Window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' }, { role: 'front' }] : [{ role: 'close' }])] },
  ];
}
