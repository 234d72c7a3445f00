/**
 * Voice messages of a call: a customer's recorded message (WAV, OGG/Opus, WebM/Opus or MP3) goes in,
 * the crew's reply comes back as text and as audio. The API checks the audio (lib/audio-decode.ts)
 * and stores it, then a `voiceMessageWorkflow` per message does STT, the call's turn and TTS durably.
 * Both audios are served with byte ranges, like recordings.
 */
import { createHash, randomBytes } from 'node:crypto'
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client } from '@temporalio/client'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { endTime, startTime, timing, wrapTime } from 'hono/timing'
import { z } from 'zod'
import { getCallState } from '../../db/calls'
import { getVoiceMessage, insertVoiceMessage, listVoiceMessages } from '../../db/voice-messages'
import {
  customerAudioName,
  MAX_VOICE_MESSAGE_BYTES,
  MAX_VOICE_MESSAGE_SECONDS,
  VOICE_AUDIO_NAME,
  type VoiceMessageFormat,
  type VoiceMessageResult,
} from '../../domain/voice-messages'
import { checkAudio } from '../../lib/audio-decode'
import {
  canStoreVoiceAudio,
  findVoiceAudio,
  saveVoiceAudio,
  voiceAudioContentType,
  type VoiceAudioStore,
} from '../../lib/voice-message-store'
import {
  CALL_REFUSED_MESSAGE,
  voiceMessageWorkflowId,
  type VoiceMessageInput,
} from '../../workflows/voice-message-definitions'
import { voiceMessageWorkflow } from '../../workflows/voice-message-workflow'
import { serveBytes } from '../byte-range'
import type { ApiDeps, AppEnv } from '../context'
import { ApiError, badRequest, conflict, notFound } from '../errors'
import type { Operation } from '../openapi'
import { validate } from '../validate'
import { CallParams } from './calls'

const AudioParams = CallParams.extend({
  audio: z.string().regex(VOICE_AUDIO_NAME, 'is not a voice message audio name'),
})
/** Printable ASCII, as HTTP header values are; the same key on the same call is the same message. */
const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters')
/** Content types a client may send the audio as (the bytes decide what it is; these only must not lie). */
const AUDIO_MEDIA_TYPE = /^(audio\/[\w.+-]+|video\/webm|application\/ogg|application\/octet-stream)$/i

export const voiceMessageOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/calls/{id}/voice-messages',
    summary: `A customer's voice message (the body: WAV, OGG/Opus, WebM/Opus or MP3, at most ${MAX_VOICE_MESSAGE_SECONDS} s and ${MAX_VOICE_MESSAGE_BYTES} bytes); answers with what was heard and the reply as text and audio. Header Idempotency-Key: the same key twice = one turn, the same answer`,
    tag: 'calls',
    params: CallParams,
    responses: {
      200: '{messageId, transcript, reply, replyAudioUrl, audioUrl, durationSeconds, turn}',
      400: 'Corrupt audio, an empty body, or an invalid Idempotency-Key',
      404: 'Unknown call',
      409: 'The call has ended, or the Idempotency-Key was used for other audio',
      413: `Longer than ${MAX_VOICE_MESSAGE_SECONDS} seconds, or a body over ${MAX_VOICE_MESSAGE_BYTES} bytes`,
      415: 'Not audio, or a codec pitcrew does not take',
      502: 'Speech to text or text to speech failed',
      503: 'Voice messages are not configured (no DATA_DIR or bucket, or no Temporal)',
    },
  },
  {
    method: 'get',
    path: '/api/calls/{id}/voice-messages',
    summary: "The call's voice messages, oldest first",
    tag: 'calls',
    params: CallParams,
    responses: { 200: '{items: VoiceMessage[]}', 404: 'Unknown call' },
  },
  {
    method: 'get',
    path: '/api/calls/{id}/voice-messages/audio/{audio}',
    summary:
      "A voice message's audio: the customer's (<messageId>.<format>) or the reply (<messageId>-reply.wav); Range requests answer 206",
    tag: 'calls',
    params: AudioParams,
    responses: {
      200: 'The whole file',
      206: 'The requested byte range (Content-Range)',
      400: 'Not a call id or audio name',
      404: 'Unknown call or audio',
      416: 'A range outside the file, several ranges, or a malformed Range header',
    },
  },
]

/** The upload route, which takes a bigger body than the API's JSON limit (app.ts leaves it to this). */
export const isVoiceMessageUpload = (method: string, path: string) =>
  method === 'POST' && /^\/api\/calls\/[^/]+\/voice-messages\/?$/.test(path)

const storeOf = (deps: ApiDeps): VoiceAudioStore => ({ dataDir: deps.dataDir, bucket: deps.recordingsBucket })

function messageIdFor(callId: string, key: string | undefined): string {
  const digest = key ? createHash('sha256').update(`${callId}\n${key}`).digest() : randomBytes(32)
  return `vm-${digest.toString('base64url').slice(0, 22)}`
}

async function readAudioBody(c: Context<AppEnv>): Promise<Buffer> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim()
  if (type && !AUDIO_MEDIA_TYPE.test(type))
    throw new ApiError(
      415,
      'unsupported_media_type',
      `A voice message is sent as audio, not ${type.slice(0, 60)}`,
    )
  const body = Buffer.from(await c.req.arrayBuffer())
  if (body.length === 0) throw badRequest('The body is empty: send the recorded audio')
  return body
}

/** The workflow of the message, started once: a second request with the same key joins the first. */
async function runMessage(client: Client, taskQueue: string, input: VoiceMessageInput) {
  const workflowId = voiceMessageWorkflowId(input.messageId)
  try {
    await client.workflow.start(voiceMessageWorkflow, {
      workflowId,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    })
  } catch (err) {
    // Finished already (the same key sent again later): its result is the answer.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err
  }
  try {
    return await client.workflow.getHandle<typeof voiceMessageWorkflow>(workflowId).result()
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err
    let cause: (Error & { type?: string; cause?: unknown }) | undefined = err.cause
    while (cause?.cause && cause.type !== CALL_REFUSED_MESSAGE) cause = cause.cause as typeof cause
    if (cause?.type === CALL_REFUSED_MESSAGE) throw conflict(cause.message)
    throw new ApiError(
      502,
      'voice_message_failed',
      `The voice message could not be answered: ${cause?.message ?? err.message}`,
    )
  }
}

export const voiceMessageRoutes = new Hono<AppEnv>()
  .post(
    '/:id/voice-messages',
    bodyLimit({
      maxSize: MAX_VOICE_MESSAGE_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `A voice message is at most ${MAX_VOICE_MESSAGE_BYTES} bytes`,
        )
      },
    }),
    // Server-Timing: checking the audio, storing it, and the workflow (STT, turn, TTS) (docs/performance.md).
    timing({ totalDescription: 'in the API' }),
    validate('param', CallParams),
    async (c) => {
      const { id } = c.req.valid('param')
      const { deps } = c.var
      if (!deps.temporal || !canStoreVoiceAudio(storeOf(deps)))
        throw new ApiError(
          503,
          'unavailable',
          'Voice messages need Temporal and DATA_DIR or a recordings bucket',
        )
      const rawKey = c.req.header('idempotency-key')
      const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey)
      if (key && !key.success)
        throw badRequest('Invalid Idempotency-Key header', [
          { path: 'Idempotency-Key', message: key.error.issues[0]!.message },
        ])
      const call = await getCallState(deps.db, id)
      if (!call) throw notFound(`No call ${id}`)

      const body = await readAudioBody(c)
      const sha = createHash('sha256').update(body).digest('hex')
      const messageId = messageIdFor(id, key?.data)
      const { client, taskQueue } = deps.temporal
      const reused = conflict(
        'This Idempotency-Key was already used for a different voice message on this call',
      )
      let input: VoiceMessageInput
      const earlier = key ? await getVoiceMessage(deps.db, messageId) : undefined
      if (earlier) {
        // The same key again: the same message, already checked; the answer is its workflow's.
        if (earlier.bodySha256 !== sha) throw reused
        const format = earlier.format as VoiceMessageFormat
        input = { callId: id, messageId, format, durationSeconds: earlier.durationSeconds }
      } else {
        if (call.status === 'ended') throw conflict(`Call ${id} has ended`)
        const audio = await wrapTime(
          c,
          'check',
          checkAudio(body, MAX_VOICE_MESSAGE_SECONDS),
          'ffprobe + ffmpeg',
        )
        if (!audio.ok) {
          const [status, code] =
            audio.problem === 'unsupported'
              ? ([415, 'unsupported_media_type'] as const)
              : audio.problem === 'too_long'
                ? ([413, 'too_long'] as const)
                : ([400, 'corrupt_audio'] as const)
          throw new ApiError(status, code, audio.message)
        }
        input = { callId: id, messageId, format: audio.format, durationSeconds: audio.durationSeconds }
        // The row decides which audio a key names when two requests with other audio race for it.
        startTime(c, 'row', 'recording the message')
        const claimed = await insertVoiceMessage(deps.db, { ...input, bodySha256: sha })
        endTime(c, 'row')
        if (!claimed && (await getVoiceMessage(deps.db, messageId))?.bodySha256 !== sha) throw reused
      }
      // Stored (again) before the workflow reads it: the same bytes as the row's, so a request that
      // died between the row and the audio is completed by its retry, and a second write changes nothing.
      await wrapTime(
        c,
        'store',
        saveVoiceAudio(storeOf(deps), id, customerAudioName(messageId, input.format), body),
        'storing the audio',
      )
      const result = await wrapTime(c, 'workflow', runMessage(client, taskQueue, input), 'STT, the turn, TTS')
      return c.json(result satisfies VoiceMessageResult)
    },
  )
  .get('/:id/voice-messages', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    if (!(await getCallState(c.var.deps.db, id))) throw notFound(`No call ${id}`)
    return c.json({ items: await listVoiceMessages(c.var.deps.db, id) })
  })
  .get('/:id/voice-messages/audio/:audio', validate('param', AudioParams), async (c) => {
    const { id, audio: name } = c.req.valid('param')
    const { deps } = c.var
    if (!(await getCallState(deps.db, id))) throw notFound(`No call ${id}`)
    const file = await findVoiceAudio(storeOf(deps), id, name)
    if (!file) throw notFound(`Call ${id} has no voice message audio ${name}`)
    return serveBytes(c, {
      name,
      bytes: file.bytes,
      contentType: voiceAudioContentType(name),
      // Written once and never changed.
      cacheControl: 'private, max-age=31536000, immutable',
      read: file.read,
    })
  })
