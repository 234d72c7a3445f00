/**
 * Kill the worker process in the middle of a voice message: STT has run and the call's turn is
 * stored, but the turn's activity has not reported back (its retry sends the Update again) and the
 * reply audio is not written. The client gives up and sends the message again with the
 * same Idempotency-Key; another worker finishes it. One turn, one reply audio, the same answer twice.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client } from '@temporalio/client'
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { callTurns, transcriptLines, voiceMessages } from '../db/schema'
import type { VoiceMessageResult } from '../domain/voice-messages'
import { createTestApi } from './support/api'
import { kill, startWorkerProcess } from './support/spawn-worker'
import { connectClient, uniqueTaskQueue } from './support/temporal'
import { spokenMessage } from './support/voice-message-audio'

const NOW = '2030-09-02T14:00:00Z' // Monday 9:00 in Chicago

const workerProcess = (taskQueue: string, dataDir: string, pauseMarker?: string) =>
  startWorkerProcess({ TASK_QUEUE: taskQueue, NOW, DATA_DIR: dataDir, VOICE_PAUSE_MARKER: pauseMarker })

describe('a worker killed in the middle of a voice message', () => {
  it('makes one turn and one reply audio, and answers a retry the same', { timeout: 180_000 }, async () => {
    const taskQueue = uniqueTaskQueue('voice-crash')
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-voice-crash-'))
    const marker = path.join(dataDir, 'paused')
    const connection = await connectClient()
    const client = new Client({ connection })
    const api = await createTestApi({ dataDir, temporal: { client, taskQueue } })
    try {
      const doomed = await workerProcess(taskQueue, dataDir, marker)
      const started = await api.call('/api/calls', { json: { channel: 'chat' } })
      expect(started.status).toBe(201)
      const callId = started.body.callId as string
      const audio = await spokenMessage('I need an oil change tomorrow morning', 'webm')
      const send = () =>
        api.app.request(`/api/calls/${callId}/voice-messages`, {
          method: 'POST',
          headers: { 'content-type': 'audio/webm', 'idempotency-key': 'crash-1' },
          body: audio,
        })

      const first = send()
      // The worker heard the message and the call took its turn; it hangs before speaking the reply.
      await expect.poll(() => existsSync(marker), { timeout: 60_000 }).toBe(true)
      const turnsNow = await api.db.select().from(callTurns).where(eq(callTurns.callId, callId))
      expect(turnsNow.map((t) => t.text)).toEqual(['i need an oil change tomorrow morning'])
      const dir = path.join(dataDir, 'voice-messages', callId)
      expect(readdirSync(dir).filter((f) => f.endsWith('-reply.wav'))).toEqual([])
      kill(doomed)

      // The client, tired of waiting, sends the message again while nobody runs it.
      const second = send()
      await workerProcess(taskQueue, dataDir)
      const [a, b] = await Promise.all([first, second])
      expect(a.status).toBe(200)
      expect(b.status).toBe(200)
      const answer = (await a.json()) as VoiceMessageResult
      expect(await b.json()).toEqual(answer)
      expect(answer).toMatchObject({ transcript: 'i need an oil change tomorrow morning', turn: 1 })

      const n = async (table: typeof callTurns | typeof transcriptLines | typeof voiceMessages) =>
        (
          (await api.db.select({ n: count() }).from(table).where(eq(table.callId, callId))) as [{ n: number }]
        )[0].n
      expect(await n(callTurns)).toBe(1)
      expect(await n(transcriptLines)).toBe(2)
      expect(await n(voiceMessages)).toBe(1)
      // One customer audio and one reply audio, nothing half-written beside them.
      expect(readdirSync(dir).sort()).toEqual([`${answer.messageId}-reply.wav`, `${answer.messageId}.webm`])
      const reply = await api.app.request(answer.replyAudioUrl!)
      expect(reply.status).toBe(200)
      expect((await reply.arrayBuffer()).byteLength).toBeGreaterThan(16_000)
    } finally {
      await api.close()
      await connection.close()
    }
  })
})
