import { defineConfig } from 'vitest/config';

// Unit, integration and e2e suites all run under Node. The e2e suite drives Debian's Chromium
// through playwright-core against browser mode, so it needs a built renderer (npm run build:renderer).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
