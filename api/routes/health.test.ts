import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { openDb } from '../../db/client'
import { databaseHealthCheck } from '../../db/health'
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes'
import { temporalHealthCheck, workerHealthCheck } from '../../lib/temporal-health'
import { startTemporalDevServer } from '../../scripts/temporal/dev-server'
import { getFreePort } from '../../scripts/tools/free-port'
import { createTestApi } from '../../tests/support/api'
import { connectProbe, startTestWorker, uniqueTaskQueue } from '../../tests/support/temporal'

describe('GET /health', () => {
  let client: Awaited<ReturnType<typeof connectProbe>>
  beforeAll(async () => {
    client = await connectProbe()
  })
  afterAll(() => client.close())

  it('is 200 when the database, Temporal and a worker on the task queue are ready', async () => {
    const taskQueue = uniqueTaskQueue('health')
    const api = await createTestApi()
    const worker = await startTestWorker(api.db, taskQueue)
    try {
      const check = workerHealthCheck(client, 'default', taskQueue, () => worker.worker.getState())
      const ready = await createTestApi({
        health: [databaseHealthCheck(api.db), temporalHealthCheck(client), check],
      })
      // The first poll reaches the server a moment after run() starts.
      await expect.poll(async () => (await ready.call('/health')).status, { timeout: 10_000 }).toBe(200)
      const res = await ready.call('/health')
      expect(res.body).toMatchObject({
        status: 'ok',
        checks: { database: { ok: true }, temporal: { ok: true } },
      })
      await worker.stop()
      const stopped = await ready.call('/health')
      expect(stopped.status).toBe(503)
      expect(stopped.body.failing).toEqual(['worker'])
      await ready.close()
    } finally {
      await worker.stop().catch(() => {})
      await api.close()
    }
  })

  it('is 503 naming the worker when nobody polls the task queue', async () => {
    const api = await createTestApi({
      health: [temporalHealthCheck(client), workerHealthCheck(client, 'default', uniqueTaskQueue())],
    })
    try {
      const res = await api.call('/health')
      expect(res.status).toBe(503)
      expect(res.body.failing).toEqual(['worker'])
      expect(res.body.error.message).toContain('no worker is polling')
    } finally {
      await api.close()
    }
  })

  it('turns 503 naming temporal when the Temporal server goes down', async () => {
    const server = await startTemporalDevServer({
      cliPath: inject('temporalCliPath'),
      port: await getFreePort(),
      uiPort: null,
      searchAttributes: SEARCH_ATTRIBUTES,
    })
    const own = await connectProbe(server.address)
    const api = await createTestApi({ health: [temporalHealthCheck(own)] })
    try {
      expect((await api.call('/health')).status).toBe(200)
      await server.stop()
      const res = await api.call('/health')
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ status: 'unavailable', failing: ['temporal'] })
    } finally {
      await server.stop()
      await own.close()
      await api.close()
    }
  })

  it('turns 503 naming the database when it is gone', async () => {
    const handle = await openDb({ databaseUrl: inject('databaseUrl'), maxConnections: 1 })
    const api = await createTestApi({ health: [databaseHealthCheck(handle.db)] })
    try {
      expect((await api.call('/health')).status).toBe(200)
      await handle.close()
      const res = await api.call('/health')
      expect(res.status).toBe(503)
      expect(res.body.failing).toEqual(['database'])
    } finally {
      await api.close()
    }
  })
})
