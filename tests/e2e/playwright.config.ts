/**
 * Browser-mode end-to-end suites: Playwright drives Debian's chromium (never a downloaded browser) against the app
 * started by tests/e2e/support/browser-app.ts. One worker: the suites start a whole lab each and the machine has two
 * cores. Screenshots of the main views are saved by the specs themselves into docs/screenshots/.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
});
