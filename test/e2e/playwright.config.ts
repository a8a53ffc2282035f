import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL } from './support/env';

/**
 * Browser journeys against the real server on a fresh embedded database
 * (support/global-setup.ts starts it), in Debian's Chromium: nothing here
 * downloads a browser. One worker: the embedded engine is one connection, and
 * the journeys share one installation.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR ?? '../../.e2e-results',
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    locale: 'es-EC',
    timezoneId: 'America/Guayaquil',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
  },
});
