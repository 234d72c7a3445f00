/** The ESLint rule that keeps workflow code deterministic and sandbox-safe really fires. */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') })

async function restrictedImports(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: file })
  return result!.messages.filter(
    (m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals',
  )
}

describe('sandbox import rule', () => {
  it('rejects Node built-ins and I/O libraries in workflows/ and domain/', async () => {
    for (const file of ['workflows/example.ts', 'domain/example.ts']) {
      expect(
        await restrictedImports(
          file,
          "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
        ),
      ).toHaveLength(1)
      expect(
        await restrictedImports(file, "import { sql } from 'drizzle-orm'\nexport const x = sql\n"),
      ).toHaveLength(1)
      expect(await restrictedImports(file, 'export const env = process.env\n')).toHaveLength(1)
    }
  })

  it('lets workflows import activity types only, and domain/ nothing from Temporal', async () => {
    expect(
      await restrictedImports(
        'workflows/a.ts',
        "import type { Activities } from '../activities'\nexport type A = Activities\n",
      ),
    ).toHaveLength(0)
    expect(
      await restrictedImports(
        'workflows/a.ts',
        "import { createActivities } from '../activities'\nexport const a = createActivities\n",
      ),
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        'domain/a.ts',
        "import { sleep } from '@temporalio/workflow'\nexport const s = sleep\n",
      ),
    ).toHaveLength(1)
  })

  it('allows the same imports elsewhere', async () => {
    expect(
      await restrictedImports(
        'api/a.ts',
        "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
      ),
    ).toHaveLength(0)
  })
})
