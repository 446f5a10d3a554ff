import { defineConfig } from 'vitest/config';

// `pnpm test` runs the browser journeys (e2e) in a second vitest run: sharing the pool with the other
// projects' files hung the single fork the journeys need.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'e2e/vitest.config.ts',
      'lint/vitest.config.ts',
    ],
  },
});
