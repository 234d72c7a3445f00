import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.data/**', 'dist/**'],
    // One Temporal dev server and one fresh PostgreSQL database for the whole run.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more parallel files only make the Temporal server and PostgreSQL slower.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
})
