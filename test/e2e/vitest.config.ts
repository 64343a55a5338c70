import { defineConfig } from 'vitest/config';

// The end-to-end suite (npm run test:e2e); the unit tests' config excludes test/e2e.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    // One editor at a time: each file starts its own code-server or Neovim, and the machine has two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
