import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Code that runs inside the Temporal workflow sandbox (workflows/) or is shared with it (domain/)
// must stay deterministic and free of Node built-ins and I/O libraries.
const sandboxRestrictedImports = {
  patterns: [
    { group: ['node:*'], message: 'Node built-ins cannot run in the Temporal workflow sandbox.' },
    {
      group: [
        'fs',
        'fs/*',
        'path',
        'os',
        'crypto',
        'child_process',
        'http',
        'https',
        'net',
        'dns',
        'stream',
        'util',
        'events',
        'worker_threads',
        'url',
        'zlib',
        'buffer',
        'process',
        'timers',
      ],
      message: 'Node built-ins cannot run in the Temporal workflow sandbox.',
    },
    {
      group: [
        'drizzle-orm',
        'drizzle-orm/*',
        'postgres',
        '@electric-sql/*',
        'hono',
        'hono/*',
        '@hono/*',
        'pino',
        '@langchain/*',
        'livekit-server-sdk',
        '@livekit/*',
        '@temporalio/activity',
        '@temporalio/client',
        '@temporalio/worker',
        '@temporalio/testing',
      ],
      message: 'I/O libraries belong in activities/, api/ or worker/, never in workflows/ or domain/.',
    },
    {
      group: ['**/activities/*', '**/activities'],
      allowTypeImports: true,
      message: 'Workflows import activity types only.',
    },
  ],
}

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'db/migrations/', 'web/dist/', 'web/.dist-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sandboxRestrictedImports],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...sandboxRestrictedImports.patterns,
            { group: ['@temporalio/*'], message: 'domain/ imports nothing but zod.' },
          ],
        },
      ],
    },
  },
)
