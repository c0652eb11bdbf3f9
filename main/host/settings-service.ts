/** The learner's settings, persisted as `settings.json` in the data directory. */
import { join } from 'node:path';
import type { Settings } from '../bridge/contract';
import { JsonFile } from './json-file';

export const DEFAULT_SETTINGS: Settings = { theme: 'system', firstRunDone: false, editorFontSize: 13, terminalFontSize: 13 };

export class SettingsService {
  private readonly file: JsonFile<Partial<Settings>>;
  private current: Settings | undefined;

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'settings.json'));
  }

  async get(): Promise<Settings> {
    if (this.current === undefined) {
      const stored = (await this.file.read()) ?? {};
      // Only known keys with the right types survive a hand-edited or older file.
      const s: Settings = { ...DEFAULT_SETTINGS };
      if (stored.locale === 'en' || stored.locale === 'zh-CN') s.locale = stored.locale;
      if (stored.theme === 'light' || stored.theme === 'dark' || stored.theme === 'system') s.theme = stored.theme;
      if (typeof stored.firstRunDone === 'boolean') s.firstRunDone = stored.firstRunDone;
      if (typeof stored.editorFontSize === 'number') s.editorFontSize = stored.editorFontSize;
      if (typeof stored.terminalFontSize === 'number') s.terminalFontSize = stored.terminalFontSize;
      this.current = s;
    }
    return { ...this.current };
  }

  /** The patch is validated by the bridge; `locale: undefined` present in the patch means "follow the OS". */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const next: Settings = { ...(await this.get()), ...patch };
    if ('locale' in patch && patch.locale === undefined) delete next.locale;
    this.current = next;
    await this.file.write(next);
    return { ...next };
  }
}
