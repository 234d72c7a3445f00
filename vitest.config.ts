import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Two cores: more parallel files only make the Temporal server and PostgreSQL slower.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '.data/**', 'dist/**', 'web/**'],
          // One Temporal dev server and one fresh PostgreSQL database for the whole run.
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // expect.poll waits for something that happens eventually (a workflow's next step, an SSE
          // event); on a busy 2-core machine that can take seconds. It is a bound, not a figure.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
      {
        // The dashboard's components in jsdom; they need no server.
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'web',
          root: 'web',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // A file's first render also warms jsdom and Solid up: seconds when the machine is busy.
          testTimeout: 30_000,
        },
      },
    ],
  },
})
