/**
 * A promised callback survives everything: with a callback timer pending, stop the worker, the API
 * and the Temporal dev server (keeping its SQLite file), start them again, and the callback still
 * comes due, once — also for a call that had already ended.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../config/env'
import { createLogger } from '../lib/logger'
import { startSystem, type RunningSystem } from '../scripts/system'
import { getFreePort } from '../scripts/tools/free-port'

const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-durable-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const CALLBACK_DELAY_MS = 12_000

async function start(ports: Record<string, string>) {
  const config = loadConfig({
    ...ports,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TEMPORAL_CLI_PATH: inject('temporalCliPath'),
    // Real clock: open or closed, every path ends in a callback timer; cap it so the test is short.
    ESCALATION_ACCEPT_TIMEOUT_MS: '1000',
    PITCREW_CALLBACK_DELAY_CAP_MS: String(CALLBACK_DELAY_MS),
  })
  return startSystem(config, createLogger('warn'))
}

async function json(system: RunningSystem, route: string, body?: unknown) {
  const res = await fetch(`${system.apiUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads what it expects
  const parsed: any = await res.json()
  return { status: res.status, body: parsed }
}

async function callbackOf(system: RunningSystem, callId: string) {
  const { body } = await json(system, `/api/escalations?callId=${callId}`)
  return (body.items as Array<{ taskType: string; status: string; outcome?: string }>).find(
    (t) => t.taskType === 'callback',
  )
}

describe('a pending callback across a full restart', () => {
  it(
    'still comes due, exactly once, for a live call and for an ended one',
    { timeout: 180_000 },
    async () => {
      const ports = {
        PORT: String(await getFreePort()),
        TEMPORAL_PORT: String(await getFreePort()),
        TEMPORAL_UI_PORT: String(await getFreePort()),
      }
      let system = await start(ports)
      const callIds: string[] = []
      try {
        for (const customerPhone of ['+12175550108', '+12175550109']) {
          const { body } = await json(system, '/api/calls', { channel: 'chat', customerPhone })
          callIds.push(body.callId)
          await json(system, `/api/calls/${body.callId}/messages`, { text: 'I want to speak to someone' })
        }
        const [, ended] = callIds as [string, string]
        await json(system, `/api/calls/${ended}/end`, {})
        for (const callId of callIds) {
          await expect
            .poll(async () => (await callbackOf(system, callId))?.outcome, { timeout: 30_000 })
            .toBe('scheduled')
        }
        await expect.poll(async () => (await json(system, `/api/calls/${ended}`)).body.status).toBe('ended')
      } finally {
        await system.stop()
      }

      // Everything is down while the timers come due.
      await new Promise((r) => setTimeout(r, CALLBACK_DELAY_MS))
      system = await start(ports)
      try {
        for (const callId of callIds) {
          await expect
            .poll(async () => (await callbackOf(system, callId))?.outcome, { timeout: 60_000 })
            .toBe('due:attempt_1')
          const { body } = await json(system, `/api/calls/${callId}`)
          expect(body.callId).toBe(callId)
        }
        // Replay each call's whole event stream for a moment: the callback came due in one event.
        const events = await Promise.all(
          callIds.map(async (callId) => {
            const res = await fetch(`${system.apiUrl}/api/calls/${callId}/events`, {
              signal: AbortSignal.timeout(2_000),
            })
            let text = ''
            try {
              for await (const chunk of res.body!) text += new TextDecoder().decode(chunk as Uint8Array)
            } catch {
              // the timeout ends the stream
            }
            return text.split('due:attempt_1').length - 1
          }),
        )
        expect(events).toEqual([1, 1])
      } finally {
        await system.stop()
      }
    },
  )
})
