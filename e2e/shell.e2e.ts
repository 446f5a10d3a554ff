import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from './support/browser';
import {
  screenshot,
  signInAs,
  signInQuickly,
  startConsole,
  watchPageErrors,
  type RunningConsole,
} from './support/console';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('console shell', () => {
  let relais: RunningConsole;

  beforeAll(async () => {
    relais = await startConsole(chromiumPath ?? '');
  });
  afterAll(async () => {
    await relais?.close();
  });

  it('signs in, switches to French, remembers it after a reload, and signs out', async () => {
    const { page } = await relais.newPage({ locale: 'en-CA' });
    const errors = watchPageErrors(page);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'login-en');

    // A wrong password is refused with a clear message, and the form stays usable.
    await page.getByLabel('Email').fill('specialist@demo.relais');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is not right.' }).waitFor();

    const account = await signInAs(page, 'specialist');
    await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
    expect(await page.getByText(`Signed in as ${account.name}`).isVisible()).toBe(true);
    await screenshot(page, 'home-en');
    // The realtime link opens once signed in (same origin, cookie session).
    await expect.poll(() => sockets.some((url) => url.includes('/socket.io/'))).toBe(true);

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bonjour, Sam' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await screenshot(page, 'home-fr');
    // A small laptop: the side navigation folds to icons, the header still fits.
    await page.setViewportSize({ width: 900, height: 700 });
    await screenshot(page, 'home-fr-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Bonjour, Sam' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByText('Vous êtes déconnecté·e.').waitFor();
    await screenshot(page, 'login-fr-signed-out');

    // Signed out for real: the shell is no longer reachable.
    await page.goto('/');
    await page.waitForURL('**/login');
    expect(errors).toEqual([]);
  });

  it('sends someone who is not signed in to the login page and back where they were going', async () => {
    const { page } = await relais.newPage();
    await page.goto('/no-such-page');
    await page.waitForURL('**/login');
    await signInAs(page, 'supervisor');
    await page.waitForURL('**/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('lets a journey sign in through the API and start on any page', async () => {
    const { context, page } = await relais.newPage();
    const account = await signInQuickly(context, 'admin');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Hello, Ada' }).waitFor();
    expect(await page.getByText(`Signed in as ${account.name}`).isVisible()).toBe(true);
  });
});

describe.skipIf(!chromiumPath)('idle session in the browser', () => {
  let relais: RunningConsole;

  // With a two-minute idle timeout the warning is due as soon as the person signs in.
  beforeAll(async () => {
    relais = await startConsole(chromiumPath ?? '', { sessionIdleMinutes: 2 });
  });
  afterAll(async () => {
    await relais?.close();
  });

  it('warns before the session ends, counts down, and signs out on request', async () => {
    const { page } = await relais.newPage();
    await page.goto('/login');
    await signInAs(page, 'followup');
    const dialog = page.getByRole('alertdialog', { name: 'Your session is about to end' });
    await dialog.waitFor();
    expect(await dialog.getByText(/^Time left: [12]:\d\d$/).isVisible()).toBe(true);
    await screenshot(page, 'idle-warning-en');

    await dialog.getByRole('button', { name: 'Sign out now' }).click();
    await page.waitForURL('**/login');
    await page.getByText('You are signed out.').waitFor();
  });
});
