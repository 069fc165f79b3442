import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node against real temp-file databases;
// the browser tests (tests/e2e) belong to Playwright.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
