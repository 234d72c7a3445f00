/**
 * The workflow bundle stays small: the sandbox loads its modules again for every cached workflow, so
 * a library in it is paid once per open call (zod cost about 1 MB each; docs/performance.md, Memory).
 * Workflows may import types from domain/call-state.ts, values only from zod-free modules.
 */
import { describe, expect, it } from 'vitest'
import { bundleWorkflows } from '../worker/create-worker'

describe('the workflow bundle', () => {
  it('has no zod in it', { timeout: 60_000 }, async () => {
    const { code } = await bundleWorkflows()
    expect(code).not.toMatch(/node_modules\/zod\//)
    expect(code).toMatch(/node_modules\/async-mutex\//) // the check sees libraries that are there
  })
})
