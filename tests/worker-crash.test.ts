/**
 * Kill the worker process in the middle of a booking turn (the appointment is already written, the
 * turn is not) and start another: the turn completes once and nothing is duplicated.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Client } from '@temporalio/client'
import { count, eq } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, inject, it } from 'vitest'
import { appointments, callAnalyses, callEvents, callTurns, transcriptLines } from '../db/schema'
import { openDb } from '../db/client'
import { callOpenedUpdate, endCallSignal, userTurnUpdate } from '../workflows/call-definitions'
import { callWorkflow } from '../workflows/call-workflow'
import { kill, startWorkerProcess } from './support/spawn-worker'
import { connectClient, uniqueTaskQueue } from './support/temporal'

const NOW = '2030-09-02T14:00:00Z' // Monday 9:00 in Chicago

const workerProcess = (taskQueue: string, pauseMarker?: string, analysisPauseMarker?: string) =>
  startWorkerProcess({
    TASK_QUEUE: taskQueue,
    NOW,
    PAUSE_MARKER: pauseMarker,
    ANALYSIS_PAUSE_MARKER: analysisPauseMarker,
  })

describe('a worker killed mid-turn', () => {
  it('loses nothing and duplicates nothing', { timeout: 120_000 }, async () => {
    const taskQueue = uniqueTaskQueue('crash')
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'pitcrew-crash-')), 'paused')
    const connection = await connectClient()
    const client = new Client({ connection })
    const db = await openDb({ databaseUrl: inject('databaseUrl') })
    try {
      const first = await workerProcess(taskQueue)
      const callId = `call-${randomUUID()}`
      const handle = await client.workflow.start(callWorkflow, {
        workflowId: callId,
        taskQueue,
        args: [
          { callId, channel: 'chat', customerPhone: '+12175550105', startedAt: NOW, turnTimeoutMs: 3_000 },
        ],
      })
      await handle.executeUpdate(callOpenedUpdate)
      const asked = await handle.executeUpdate(userTurnUpdate, {
        args: [{ text: 'I need an oil change on Wednesday at 11am' }],
      })
      expect(asked.state.booking.status).toBe('awaiting_confirmation')
      kill(first)

      // The next worker books, then hangs before storing the turn; we kill it right there.
      const doomed = await workerProcess(taskQueue, marker)
      const confirming = handle.executeUpdate(userTurnUpdate, { args: [{ text: 'yes' }] })
      await expect.poll(() => existsSync(marker), { timeout: 20_000 }).toBe(true)
      const booked = await db.db.select().from(appointments).where(eq(appointments.callId, callId))
      expect(booked).toHaveLength(1)
      kill(doomed)

      await workerProcess(taskQueue)
      const result = await confirming
      expect(result.state.booking).toMatchObject({ status: 'confirmed', appointmentId: booked[0]!.id })
      expect(result.state.turnCount).toBe(2)

      const n = async (table: PgTable, column: AnyPgColumn) =>
        ((await db.db.select({ n: count() }).from(table).where(eq(column, callId))) as [{ n: number }])[0].n
      expect(await n(appointments, appointments.callId)).toBe(1)
      expect(await n(callTurns, callTurns.callId)).toBe(2)
      expect(await n(transcriptLines, transcriptLines.callId)).toBe(4)
      const events = await db.db
        .select()
        .from(callEvents)
        .where(eq(callEvents.callId, callId))
        .orderBy(callEvents.seq)
      const transcriptSeqs = events
        .filter((e) => e.type === 'transcript')
        .map((e) => (e.data as { seq: number }).seq)
      expect(transcriptSeqs).toEqual([1, 2, 3, 4])
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    } finally {
      await db.close()
      await connection.close()
    }
  })
})

describe('a worker killed between the end of a call and its analysis', () => {
  it('still ends with exactly one analysis', { timeout: 120_000 }, async () => {
    const taskQueue = uniqueTaskQueue('crash-analysis')
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'pitcrew-crash-')), 'analysing')
    const connection = await connectClient()
    const client = new Client({ connection })
    const db = await openDb({ databaseUrl: inject('databaseUrl') })
    try {
      // This worker runs the call, then analyses it and hangs before storing the analysis.
      const doomed = await workerProcess(taskQueue, undefined, marker)
      const callId = `call-${randomUUID()}`
      const handle = await client.workflow.start(callWorkflow, {
        workflowId: callId,
        taskQueue,
        args: [{ callId, channel: 'chat', startedAt: NOW, analysisTimeoutMs: 3_000 }],
      })
      await handle.executeUpdate(callOpenedUpdate)
      await handle.executeUpdate(userTurnUpdate, { args: [{ text: 'What are your hours?' }] })
      await handle.executeUpdate(userTurnUpdate, { args: [{ text: 'Do you take trade-ins?' }] })
      await handle.signal(endCallSignal, { reason: 'ended through the API' })
      await expect.poll(() => existsSync(marker), { timeout: 30_000 }).toBe(true)
      const rows = async () =>
        (
          (await db.db.select({ n: count() }).from(callAnalyses).where(eq(callAnalyses.callId, callId))) as [
            { n: number },
          ]
        )[0].n
      expect(await rows()).toBe(0)
      kill(doomed)

      await workerProcess(taskQueue)
      const final = await handle.result()
      expect(final.status).toBe('ended')
      expect(await rows()).toBe(1)
      const [row] = await db.db.select().from(callAnalyses).where(eq(callAnalyses.callId, callId))
      expect(row).toMatchObject({ outcome: 'answered', customerTurns: 2 })
      expect(row!.analysis.keywords.map((k) => k.keyword)).toContain('trade-in')
    } finally {
      await db.close()
      await connection.close()
    }
  })
})
