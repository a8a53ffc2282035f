import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { serverLogFile } from './env';

/**
 * Records what a page exposes outside its content: every URL it visits, every
 * title it shows and every console message. `expectNoLeaks` then also reads
 * all browser storage and the server's log for the canaries a journey typed.
 */
export class LeakWatch {
  readonly urls: string[] = [];
  readonly titles: string[] = [];
  readonly console: string[] = [];

  constructor(private readonly page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.urls.push(frame.url());
    });
    page.on('console', (message) => this.console.push(message.text()));
    page.on('request', (request) => this.urls.push(request.url()));
    page.on('load', () => {
      void page.title().then(
        (title) => this.titles.push(title),
        () => undefined,
      );
    });
  }

  /** Call after each screen whose title matters (titles change without a load in a SPA). */
  async recordTitle(): Promise<void> {
    this.titles.push(await this.page.title());
  }

  async expectNoLeaks(canaries: readonly string[]): Promise<void> {
    await this.recordTitle();
    const storage = await this.page.evaluate(async () => {
      const dump = (s: Storage) =>
        Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`);
      const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
      const cacheNames = 'caches' in window ? await caches.keys() : [];
      const workers = navigator.serviceWorker
        ? await navigator.serviceWorker.getRegistrations()
        : [];
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        indexedDb: databases.map((d) => d.name ?? ''),
        caches: cacheNames,
        serviceWorkers: workers.length,
        cookies: document.cookie,
      };
    });
    expect(storage.session, 'sessionStorage').toEqual([]);
    expect(storage.indexedDb, 'IndexedDB').toEqual([]);
    expect(storage.caches, 'Cache API').toEqual([]);
    expect(storage.serviceWorkers, 'service workers').toBe(0);
    // The one thing kept: the interface language.
    for (const entry of storage.local) expect(entry).toMatch(/^amparo\.language=(es|en)$/);
    const serverLog = fs.readFileSync(serverLogFile(), 'utf8');
    const places: [string, string][] = [
      ['URL', this.urls.join('\n')],
      ['title', this.titles.join('\n')],
      ['console', this.console.join('\n')],
      ['cookies', storage.cookies],
      ['server log', serverLog],
    ];
    // A strict CSP refuses anything inline: a refusal would mean a screen relies on it.
    expect(this.console.filter((m) => m.includes('Content Security Policy'))).toEqual([]);
    for (const canary of canaries) {
      for (const [place, text] of places) {
        expect(text.includes(canary), `canary "${canary}" found in ${place}`).toBe(false);
        expect(
          text.includes(encodeURIComponent(canary)),
          `encoded canary "${canary}" found in ${place}`,
        ).toBe(false);
      }
    }
  }
}
