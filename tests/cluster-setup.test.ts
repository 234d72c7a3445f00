/**
 * pitcrew on a Temporal namespace nobody set up for it (a fresh cluster): starting a call answers 503
 * saying what to run, /readyz names the missing setup while /livez stays 200, and after the one-time
 * registration (what `npm run setup` and the processes at start do) calls start and run.
 */
import { randomUUID } from 'node:crypto'
import { Client } from '@temporalio/client'
import { msToTs } from '@temporalio/common/lib/time'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../lib/logger'
import { ensureSearchAttributes, searchAttributesHealthCheck } from '../lib/temporal-setup'
import { missingSearchAttributes } from '../scripts/temporal/register-search-attributes'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { createTestApi, errorCode } from './support/api'
import { connectClient, startTestWorker, uniqueTaskQueue } from './support/temporal'

const namespace = `bare-${randomUUID().slice(0, 8)}`
let connection: Awaited<ReturnType<typeof connectClient>>

beforeAll(async () => {
  connection = await connectClient()
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  })
  // A new namespace reaches the frontend's cache a moment after it is registered.
  await vi.waitFor(() => connection.workflowService.describeNamespace({ namespace }), {
    timeout: 30_000,
    interval: 250,
  })
}, 60_000)
afterAll(() => connection?.close())

describe('a Temporal namespace without pitcrew search attributes', () => {
  it('gets 503 with the setup command, then works once set up', async () => {
    const taskQueue = uniqueTaskQueue('bare')
    const client = new Client({ connection, namespace })
    const api = await createTestApi({
      temporal: { client, taskQueue },
      health: [searchAttributesHealthCheck(connection, namespace)],
    })
    try {
      expect(await missingSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES)).toEqual(
        Object.keys(SEARCH_ATTRIBUTES),
      )
      const refused = await api.call('/api/calls', { json: { channel: 'chat' } })
      expect(refused.status).toBe(503)
      expect(errorCode(refused.body)).toBe('not_set_up')
      expect(refused.body.error.message).toContain('npm run setup')

      const notReady = await api.call('/readyz')
      expect(notReady.status).toBe(503)
      expect(notReady.body.failing).toEqual(['temporal-setup'])
      expect(notReady.body.error.message).toContain('CallId')
      expect((await api.call('/livez')).status).toBe(200)

      // What `npm run setup` (and `npm run api` / `npm run worker` at start) do; twice is harmless.
      const [first, second] = await Promise.all([
        ensureSearchAttributes(connection, namespace, createLogger('silent')),
        ensureSearchAttributes(connection, namespace, createLogger('silent')),
      ])
      expect([first, second]).toEqual([true, true])
      expect(await missingSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES)).toEqual([])

      // The dev server's visibility store picks up new attributes a moment later.
      await expect.poll(async () => (await api.call('/readyz')).status, { timeout: 30_000 }).toBe(200)
      const worker = await startTestWorker(api.db, taskQueue, { namespace })
      try {
        const started = await api.call('/api/calls', { json: { channel: 'chat' } })
        expect(started.status, JSON.stringify(started.body)).toBe(201)
        const reply = await api.call(`/api/calls/${started.body.callId}/messages`, {
          json: { text: 'What are your service hours?' },
        })
        expect(reply.status).toBe(200)
        expect(reply.body.reply).toMatch(/\d/)
      } finally {
        await worker.stop()
      }
    } finally {
      await api.close()
    }
  }, 120_000)
})
