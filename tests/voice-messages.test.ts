/**
 * Voice messages against the real stack: the API, a pitcrew worker, the run's Temporal dev server and
 * PostgreSQL; espeak-ng makes the messages, ffmpeg encodes them in each format pitcrew takes,
 * pocketsphinx (the offline engine) hears them, espeak-ng speaks the replies.
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appointments, voiceMessages } from '../db/schema'
import {
  MAX_VOICE_MESSAGE_BYTES,
  NOTHING_HEARD_REPLY,
  type VoiceMessageFormat,
} from '../domain/voice-messages'
import { parseWavHeader } from '../lib/wav'
import { errorCode } from './support/api'
import { startFakeOpenAiSpeech } from './support/fake-openai-speech'
import { startCallStack } from './support/call-stack'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'
import { silentMessage, spokenMessage, toneMessage, encodeArgs } from './support/voice-message-audio'

// Monday 2030-06-03, 9:00 in Chicago: "tomorrow" is Tuesday, June 4.
const NOW = new Date('2030-06-03T14:00:00Z')
const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-voice-messages-'))
let stack: Awaited<ReturnType<typeof startCallStack>>
// A database of its own: the booking below must not give other test files' callers an appointment.
let database: TestDatabase

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_voice_messages')
  stack = await startCallStack({ now: () => NOW, dataDir, databaseUrl: database.url })
}, 60_000)
afterAll(async () => {
  await stack?.stop()
  await database?.drop()
})

const CONTENT_TYPES: Record<VoiceMessageFormat, string> = {
  wav: 'audio/wav',
  ogg: 'audio/ogg; codecs=opus',
  webm: 'audio/webm;codecs=opus',
  mp3: 'audio/mpeg',
}

async function post(callId: string, body: Uint8Array, o: { key?: string; contentType?: string } = {}) {
  const res = await stack.api.app.request(`/api/calls/${callId}/voice-messages`, {
    method: 'POST',
    headers: {
      ...(o.contentType ? { 'content-type': o.contentType } : {}),
      ...(o.key ? { 'idempotency-key': o.key } : {}),
    },
    body,
  })
  const text = await res.text()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined }
}

async function say(callId: string, text: string, format: VoiceMessageFormat) {
  const res = await post(callId, await spokenMessage(text, format), { contentType: CONTENT_TYPES[format] })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as {
    messageId: string
    transcript: string
    reply: string | null
    replyAudioUrl: string | null
    audioUrl: string
    durationSeconds: number
    turn: number | null
  }
}

const callState = async (callId: string) => (await stack.api.call(`/api/calls/${callId}`)).body
const filesOf = (callId: string) => {
  try {
    return readdirSync(path.join(dataDir, 'voice-messages', callId)).sort()
  } catch {
    return []
  }
}
const rowsOf = (callId: string) =>
  stack.api.db.select().from(voiceMessages).where(eq(voiceMessages.callId, callId))

describe('voice messages', () => {
  it('book an oil change end to end (WebM/Opus, as a browser records)', { timeout: 180_000 }, async () => {
    // A known customer: the crew has the name and phone, so the booking needs only what speech can say.
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '+12175550104' })
    const lines = ['I need an oil change tomorrow morning', 'the first one', 'yes']
    const answers = []
    for (const line of lines) answers.push(await say(callId, line, 'webm'))
    expect(answers[0]!.transcript).toMatch(/oil change tomorrow/)
    const call = await callState(callId)
    expect(call.booking).toMatchObject({
      appointmentType: 'service',
      serviceType: 'Oil Change',
      preferredDate: '2030-06-04',
      status: 'confirmed',
    })
    const [appointment] = await stack.api.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, call.booking.appointmentId))
    expect(appointment).toMatchObject({ callId, scheduledDate: '2030-06-04', status: 'scheduled' })
    // Each message is a turn of the call, the reply its agent line.
    expect(answers.map((a) => a.turn)).toEqual([1, 2, 3])
    expect(
      call.transcript.filter((t: { role: string }) => t.role === 'user').map((t: { text: string }) => t.text),
    ).toEqual(answers.map((a) => a.transcript))
    expect(answers.at(-1)!.reply).toContain(String(call.booking.appointmentId))

    // Both sides are stored and served: the customer's WebM as sent, the reply as WAV, with ranges.
    const last = answers.at(-1)!
    const customer = await stack.api.app.request(last.audioUrl)
    expect(customer.status).toBe(200)
    expect(customer.headers.get('content-type')).toBe('audio/webm')
    const reply = await stack.api.app.request(last.replyAudioUrl!)
    expect(reply.headers.get('content-type')).toBe('audio/wav')
    const wav = Buffer.from(await reply.arrayBuffer())
    expect(parseWavHeader(wav)?.sampleRate).toBe(16_000)
    expect(wav.length).toBeGreaterThan(16_000) // over half a second of speech
    const part = await stack.api.app.request(last.replyAudioUrl!, { headers: { range: 'bytes=0-99' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${wav.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(0, 100))).toBe(true)
    const outside = await stack.api.app.request(last.replyAudioUrl!, {
      headers: { range: `bytes=${wav.length}-` },
    })
    expect(outside.status).toBe(416)
    const listed = (await stack.api.call(`/api/calls/${callId}/voice-messages`)).body.items
    expect(listed.map((m: { messageId: string; status: string }) => [m.messageId, m.status])).toEqual(
      answers.map((a) => [a.messageId, 'answered']),
    )
    expect(filesOf(callId)).toHaveLength(6)
  })

  it.each(['wav', 'ogg', 'mp3'] as const)(
    'hears a message sent as %s',
    { timeout: 120_000 },
    async (format) => {
      const callId = await stack.startCall()
      const answer = await say(callId, 'I need an oil change tomorrow morning', format)
      expect(answer.transcript).toMatch(/oil change tomorrow/)
      expect(answer.durationSeconds).toBeGreaterThan(1.5)
      expect(answer.durationSeconds).toBeLessThan(5)
      expect(answer.turn).toBe(1)
      expect((await callState(callId)).booking).toMatchObject({
        serviceType: 'Oil Change',
        preferredDate: '2030-06-04',
      })
      const audio = await stack.api.app.request(answer.audioUrl)
      expect(audio.headers.get('content-type')).toBe(format === 'mp3' ? 'audio/mpeg' : `audio/${format}`)
    },
  )

  it(
    'answers silence with a reply that says nothing was heard, stored like any other line',
    { timeout: 120_000 },
    async () => {
      const callId = await stack.startCall()
      const res = await post(callId, await silentMessage(3, 'ogg'), { contentType: 'audio/ogg' })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body).toMatchObject({ transcript: '', reply: NOTHING_HEARD_REPLY, turn: null })
      expect(res.body.replyAudioUrl).toMatch(/-reply\.wav$/)
      await expect
        .poll(async () => (await callState(callId)).transcript.map((t: { text: string }) => t.text), {
          timeout: 30_000,
        })
        .toEqual([NOTHING_HEARD_REPLY])
      expect((await callState(callId)).turnCount).toBe(0)
      expect((await stack.api.app.request(res.body.replyAudioUrl)).status).toBe(200)
    },
  )

  describe('bad input: a JSON error, and nothing written', () => {
    let callId: string
    beforeAll(async () => {
      callId = await stack.startCall()
    })

    const cases: [string, () => Promise<{ body: Uint8Array; contentType?: string }>, number, string][] = [
      [
        'text, not audio',
        async () => ({ body: Buffer.from('I need an oil change'), contentType: 'text/plain' }),
        415,
        'unsupported_media_type',
      ],
      [
        'bytes that are no audio format',
        async () => ({ body: Buffer.from('x'.repeat(5000)), contentType: 'audio/wav' }),
        415,
        'unsupported_media_type',
      ],
      [
        'OGG with Vorbis, not Opus',
        async () => ({ body: await toneMessage(2, ['-c:a', 'libvorbis', '-f', 'ogg']) }),
        415,
        'unsupported_media_type',
      ],
      [
        'WAV holding ADPCM',
        async () => ({ body: await toneMessage(2, ['-c:a', 'adpcm_ms', '-f', 'wav']) }),
        415,
        'unsupported_media_type',
      ],
      [
        'more than 2 minutes',
        async () => ({ body: await toneMessage(125, encodeArgs('ogg')) }),
        413,
        'too_long',
      ],
      [
        'more bytes than the limit',
        async () => ({ body: Buffer.alloc(MAX_VOICE_MESSAGE_BYTES + 1) }),
        413,
        'payload_too_large',
      ],
      [
        'an empty body',
        async () => ({ body: new Uint8Array(), contentType: 'audio/webm' }),
        400,
        'invalid_request',
      ],
      [
        'a corrupt OGG',
        async () => ({ body: corrupt(await spokenMessage('I need an oil change tomorrow', 'ogg')) }),
        400,
        'corrupt_audio',
      ],
      [
        'a truncated MP3',
        async () => ({
          body: (await spokenMessage('I need an oil change tomorrow', 'mp3')).subarray(0, 300),
        }),
        400,
        'corrupt_audio',
      ],
      [
        'a truncated WebM',
        async () => ({
          body: (await spokenMessage('I need an oil change tomorrow', 'webm')).subarray(0, 200),
        }),
        400,
        'corrupt_audio',
      ],
    ]
    it.each(cases)('%s', { timeout: 60_000 }, async (_name, make, status, code) => {
      const { body, contentType } = await make()
      const res = await post(callId, body, { contentType, key: `bad-${code}-${status}` })
      expect(res.status, JSON.stringify(res.body)).toBe(status)
      expect(errorCode(res.body)).toBe(code)
      expect(await rowsOf(callId)).toEqual([])
      expect(filesOf(callId)).toEqual([])
      expect((await callState(callId)).transcript).toEqual([])
    })

    it('a message to an unknown call is a 404, to an ended call a 409', { timeout: 60_000 }, async () => {
      const audio = await spokenMessage('yes', 'wav')
      expect((await post('call-00000000-0000-0000-0000-000000000000', audio)).status).toBe(404)
      const ended = await stack.startCall()
      expect((await stack.api.call(`/api/calls/${ended}/end`, { method: 'POST' })).status).toBe(202)
      await expect.poll(async () => (await callState(ended)).status, { timeout: 30_000 }).toBe('ended')
      const res = await post(ended, audio)
      expect(res.status).toBe(409)
      expect(errorCode(res.body)).toBe('conflict')
      expect(await rowsOf(ended)).toEqual([])
    })
  })

  describe('idempotency', () => {
    it(
      'the same key sent at the same moment makes one turn and one answer',
      { timeout: 120_000 },
      async () => {
        const callId = await stack.startCall()
        const audio = await spokenMessage('I need an oil change tomorrow morning', 'webm')
        const results = await Promise.all(
          [1, 2, 3, 4].map(() => post(callId, audio, { key: 'message-1', contentType: 'audio/webm' })),
        )
        for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200)
        expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1)
        const again = await post(callId, audio, { key: 'message-1', contentType: 'audio/webm' })
        expect(again.body).toEqual(results[0]!.body)
        const call = await callState(callId)
        expect(call.turnCount).toBe(1)
        expect(call.transcript.map((t: { role: string }) => t.role)).toEqual(['user', 'agent'])
        expect(await rowsOf(callId)).toHaveLength(1)
        expect(filesOf(callId)).toEqual([
          `${results[0]!.body.messageId}-reply.wav`,
          `${results[0]!.body.messageId}.webm`,
        ])

        // The key names one message: other audio under it is refused, and a new key is a new turn.
        const other = await post(callId, await spokenMessage('yes', 'webm'), { key: 'message-1' })
        expect(other.status).toBe(409)
        const next = await post(callId, await spokenMessage('the first one', 'webm'), { key: 'message-2' })
        expect(next.status).toBe(200)
        expect(next.body.turn).toBe(2)
      },
    )

    it(
      'one key with two different audios at the same moment: one is taken, whole; the other is a 409',
      { timeout: 120_000 },
      async () => {
        const callId = await stack.startCall()
        const audios = [await spokenMessage('yes', 'wav'), await spokenMessage('the first one', 'wav')]
        const results = await Promise.all(audios.map((audio) => post(callId, audio, { key: 'race-1' })))
        expect(results.map((r) => r.status).sort()).toEqual([200, 409])
        const winner = results.findIndex((r) => r.status === 200)
        expect(results[1 - winner]!.body.error.message).toMatch(/Idempotency-Key was already used/)
        // The stored audio is the one the answer heard, not the loser's.
        const stored = await stack.api.app.request(results[winner]!.body.audioUrl)
        expect(Buffer.from(await stored.arrayBuffer()).equals(audios[winner]!)).toBe(true)
        expect((await callState(callId)).turnCount).toBe(1)
      },
    )
  })
})

describe('voice messages with the cloud engines (a FAKE OpenAI-compatible speech server)', () => {
  let cloud: Awaited<ReturnType<typeof startCallStack>>
  let speech: Awaited<ReturnType<typeof startFakeOpenAiSpeech>>
  beforeAll(async () => {
    const services = (await stack.api.call('/api/services')).body as { name: string }[]
    const inventory = (await stack.api.call('/api/inventory')).body as { make: string; model: string }[]
    speech = await startFakeOpenAiSpeech({
      services: services.map((s) => s.name),
      vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
    })
    cloud = await startCallStack({
      now: () => NOW,
      dataDir,
      databaseUrl: database.url,
      speech: { engines: 'openai', openai: { apiKey: 'sk-test-fake', baseUrl: speech.baseUrl } },
    })
  }, 60_000)
  afterAll(async () => {
    await cloud?.stop()
    await speech?.close()
  })

  it(
    'hears the message and speaks the reply through the configured engines',
    { timeout: 120_000 },
    async () => {
      const callId = await cloud.startCall()
      const res = await cloud.api.app.request(`/api/calls/${callId}/voice-messages`, {
        method: 'POST',
        headers: { 'content-type': 'audio/mpeg' },
        body: await spokenMessage('I need an oil change tomorrow morning', 'mp3'),
      })
      const answer = (await res.json()) as { transcript: string; reply: string; replyAudioUrl: string }
      expect(res.status, JSON.stringify(answer)).toBe(200)
      expect(answer.transcript).toMatch(/oil change tomorrow/)
      expect(speech.requests.map((r) => [r.path, r.text])).toEqual([
        ['/v1/audio/transcriptions', answer.transcript],
        ['/v1/audio/speech', answer.reply],
      ])
      expect(speech.requests.every((r) => r.authorization === 'Bearer sk-test-fake')).toBe(true)
      // The fake speaks 24 kHz PCM; the stored reply is a WAV of it.
      const wav = Buffer.from(await (await cloud.api.app.request(answer.replyAudioUrl)).arrayBuffer())
      expect(parseWavHeader(wav)?.sampleRate).toBe(24_000)
    },
  )
})

/** `bytes` with a stretch in the middle overwritten (the container's checksums no longer match). */
function corrupt(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes)
  for (let i = Math.floor(out.length / 3); i < Math.floor(out.length / 3) + 2000 && i < out.length; i++)
    out[i] = (out[i]! * 7 + 13) % 256
  return out
}
