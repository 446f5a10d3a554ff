import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One journey file at a time: each starts its own API and Chromium, and the machine is small.
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
