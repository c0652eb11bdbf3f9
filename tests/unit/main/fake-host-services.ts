/** A HostServices fake for bridge tests: records every call, answers minimal valid outputs. */
import type { HostServices } from '../../../main/host/host-services';

export function fakeHostServices(): { services: HostServices; calls: Array<{ method: string; args: unknown[] }> } {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const clock = { now: 1_700_000_000_000, realNow: 1_700_000_000_000, speed: 1, paused: false };
  const progress = { labId: 'pod-birth', steps: [] };
  const answers: { [K in keyof HostServices]: ReturnType<HostServices[K]> | Awaited<ReturnType<HostServices[K]>> } = {
    appInfo: { version: '0.1.0', mode: 'browser', kubeconfigPath: '/d/kubeconfig', kubeconfigExport: 'export KUBECONFIG=/d/kubeconfig', apiServerUrl: 'https://127.0.0.1:6443', osLocale: 'en', dataDir: '/d' },
    getSettings: { theme: 'system', firstRunDone: false, editorFontSize: 13, terminalFontSize: 13 },
    updateSettings: { theme: 'dark', firstRunDone: false, editorFontSize: 13, terminalFontSize: 13 },
    resources: [],
    watchSubscribe: { items: [], resourceVersion: '1' },
    watchUnsubscribe: undefined,
    apply: { ok: true, documents: [] },
    diff: { diff: '', diagnostics: [] },
    deleteObject: { message: 'pod "x" deleted' },
    getYaml: { yaml: 'kind: Pod\n' },
    table: { columns: [], rows: [] },
    describe: { text: 'Name: x\n' },
    schemas: { schemas: [] },
    schedulingTrace: null,
    clockGet: clock,
    clockSet: clock,
    clockStep: clock,
    timelineHistory: [],
    terminalOpen: { id: 't1' },
    terminalInput: undefined,
    terminalResize: undefined,
    terminalClose: undefined,
    labsList: [],
    labsGet: { id: 'pod-birth', title: { en: 'a', 'zh-CN': 'a' }, summary: { en: 'a', 'zh-CN': 'a' }, source: 'n', steps: 0, estimatedMinutes: 1, intro: { en: '', 'zh-CN': '' }, stepList: [] },
    labsStart: progress,
    labsReset: progress,
    labsCheck: progress,
    labsProgress: { progress: [] },
  } as never;
  const services = {} as Record<string, (...args: unknown[]) => unknown>;
  for (const method of Object.keys(answers)) {
    services[method] = (...args: unknown[]) => {
      calls.push({ method, args });
      const a = (answers as Record<string, unknown>)[method];
      return method === 'appInfo' ? a : Promise.resolve(a);
    };
  }
  return { services: services as unknown as HostServices, calls };
}
