/**
 * The floor's worker and HTTP endpoint, in the bench's process and on the same Temporal server as
 * pitcrew. It answers the two routes the load generator uses with pitcrew's shapes —
 * `POST /api/calls` -> {callId} and `POST /api/calls/:id/messages` -> {reply} — through the same
 * stack (Hono on @hono/node-server, a `Client` executing an Update with an update id, a worker on a
 * `NativeConnection`), so pitcrew / floor measures pitcrew's own work and nothing else.
 */
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Client, Connection } from '@temporalio/client'
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker'
import { Hono } from 'hono'
import type { Logger } from '../../lib/logger'
import { installTemporalRuntime } from '../../worker/runtime'
import { floorTurnUpdate, floorWorkflow, type FloorActivities } from './workflow'

const workflowsPath = fileURLToPath(new URL('./workflow.ts', import.meta.url))
const silent = { trace() {}, debug() {}, info() {}, log() {}, warn: console.warn, error: console.error }

export interface Floor {
  apiUrl: string
  stop(): Promise<void>
}

export async function startFloor(temporalAddress: string, log: Logger): Promise<Floor> {
  // The SDK takes its logger once per process; pitcrew's worker would install the same one later.
  installTemporalRuntime(log)
  const taskQueue = 'bench-floor'
  const workerConnection = await NativeConnection.connect({ address: temporalAddress })
  const activities: FloorActivities = { noop: async () => {} }
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    activities,
    workflowBundle: await bundleWorkflowCode({ workflowsPath, logger: silent }),
    // As pitcrew's worker (worker/create-worker.ts): every other option is the SDK's default there too.
    stickyQueueScheduleToStartTimeout: '3s',
  })
  const running = worker.run()

  const connection = await Connection.connect({ address: temporalAddress })
  const client = new Client({ connection })
  const app = new Hono()
    .post('/api/calls', async (c) => {
      const callId = `floor-${randomUUID()}`
      await client.workflow.start(floorWorkflow, { workflowId: callId, taskQueue })
      return c.json({ callId }, 201)
    })
    .post('/api/calls/:id/messages', async (c) => {
      const { text } = await c.req.json<{ text: string }>()
      const result = await client.workflow
        .getHandle(c.req.param('id'))
        .executeUpdate(floorTurnUpdate, { args: [{ text }], updateId: randomUUID() })
      return c.json(result)
    })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    async stop() {
      // The bench's keep-alive connections would hold close() open.
      if ('closeAllConnections' in server) server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await connection.close()
      worker.shutdown()
      await running
      await workerConnection.close()
    },
  }
}
