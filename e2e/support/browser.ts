import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (never a downloaded one): CHROMIUM_PATH, else the usual system paths. */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Whether the journeys can run here. In CI a missing browser is a failure; on a laptop the journeys are
 * skipped with a loud warning so the rest of the suite still runs.
 */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path) return path;
  const message = `Chromium not found (set CHROMIUM_PATH or install Debian's chromium: apt-get install chromium)`;
  if (process.env.CI) throw new Error(`${message}: the browser journeys cannot run in CI without it.`);
  console.warn(`\n${'!'.repeat(78)}\n!! ${message}.\n!! SKIPPING the browser journeys.\n${'!'.repeat(78)}\n`);
  return null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}
