import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp, type App } from '../../apps/api/src/app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../apps/api/src/cli/demo';
import { testConfig, type Config } from '../../apps/api/src/config';
import type { Role } from '../../packages/contracts/src/index';
import { createTestDatabase, type Database } from '../../packages/db/src/index';
import { launchChromium } from './browser';

const webDist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

export interface RunningConsole {
  baseUrl: string;
  app: App;
  database: Database;
  browser: Browser;
  /** Everything the server logged so far (at LOG_LEVEL info, as in production), one JSON line each. */
  logs(): string;
  /** A fresh browser profile (cookies, storage) with one page open. */
  newPage(options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The real API, in this process, on a random port, serving the built console over a fresh database with
 * the demo accounts; and a headless Chromium to drive it.
 */
export async function startConsole(
  chromiumPath: string,
  overrides: Partial<Config> = {},
): Promise<RunningConsole> {
  const database = await createTestDatabase();
  const config = testConfig({ webDist, demo: true, logLevel: 'info', ...overrides });
  const logged: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({ config, database, logStream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await seedDemo(app.systemContext('e2e'));
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium(chromiumPath);
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    app,
    database,
    browser,
    logs: () => logged.join(''),
    async newPage({ locale = 'en-CA' } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale,
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

export function demoAccount(role: Role) {
  const account = DEMO_ACCOUNTS.find((a) => a.roles.includes(role));
  if (!account) throw new Error(`no demo account for ${role}`);
  return { ...account, password: DEMO_PASSWORD };
}

/** Signs in through the login screen, as a person would, and waits for the signed-in shell. */
export async function signInAs(page: Page, role: Role) {
  const account = demoAccount(role);
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.locator('input[name=email]').fill(account.email);
  await page.locator('input[name=password]').fill(account.password);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav.sidenav').waitFor();
  return account;
}

/**
 * Signs a browser profile in through the API (no screens), for journeys that start further in.
 * The session cookie lands in the context, so every page of it is signed in.
 */
export async function signInQuickly(context: BrowserContext, role: Role) {
  const account = demoAccount(role);
  const response = await context.request.post('/api/auth/login', {
    data: { email: account.email, password: account.password },
  });
  if (!response.ok())
    throw new Error(`signing in as ${role} failed: ${response.status()} ${await response.text()}`);
  return account;
}

/** Errors the page logs or throws (React errors, CSP violations, failed scripts): a journey expects none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // A 401 from /api/auth/me is how a signed-out page learns it is signed out; the browser logs it.
    if (msg.type() === 'error' && !/401 \(Unauthorized\)/.test(msg.text())) errors.push(msg.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}
