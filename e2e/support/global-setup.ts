import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the console once for all journeys; the API under test serves apps/web/dist as in production.
 * E2E_SKIP_BUILD=true reuses the last build (quicker while writing a journey).
 */
export default function setup() {
  if (process.env.E2E_SKIP_BUILD === 'true') return;
  try {
    execSync('pnpm --filter @relais/web build', { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    throw new Error('Building the console (pnpm --filter @relais/web build) failed: see the errors above.');
  }
}
