/**
 * App-wide state: host info, settings (persisted by the host), the clock (pushed 4×/s), the selected object and
 * the active terminal (click-to-run from lab steps types into it).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppInfo, ClockState, ObjectRef, Settings } from '../../main/bridge/contract';
import { useBridge } from '../bridge';

export const useAppStore = defineStore('app', () => {
  const bridge = useBridge();
  const info = shallowRef<AppInfo | undefined>();
  const settings = shallowRef<Settings | undefined>();
  const clock = shallowRef<ClockState | undefined>();
  const selected = ref<ObjectRef | undefined>();
  const terminalId = ref<string | undefined>();
  const connected = ref(true);

  bridge.on('clock.tick', (c) => (clock.value = c));

  async function load(): Promise<void> {
    [info.value, settings.value, clock.value] = await Promise.all([bridge.request('app.info', undefined), bridge.request('settings.get', undefined), bridge.request('clock.get', undefined)]);
  }

  async function updateSettings(patch: Partial<Settings>): Promise<void> {
    settings.value = await bridge.request('settings.update', patch);
  }

  const locale = computed(() => settings.value?.locale ?? info.value?.osLocale ?? 'en');

  async function runInTerminal(command: string): Promise<void> {
    if (terminalId.value) await bridge.request('terminal.input', { id: terminalId.value, data: `${command}\r` });
  }

  return { info, settings, clock, selected, terminalId, connected, locale, load, updateSettings, runInTerminal };
});
