/**
 * The steps of a voice message (workflows/voice-message-workflow.ts), each safe to retry: reading
 * the stored audio and STT (pure), the call's turn (the `userTurn` Update with the message id as its
 * update id, so Temporal runs it once however often this activity is retried), TTS written to a fixed
 * name (a retry replaces the file with the same audio), and the row's answer (an update by id).
 */
import { Context, ApplicationFailure } from '@temporalio/activity'
import { WorkflowUpdateFailedError } from '@temporalio/client'
import { answerVoiceMessage, failVoiceMessage } from '../db/voice-messages'
import { decodeToPcm } from '../lib/audio-decode'
import { findVoiceAudio, saveVoiceAudio, type VoiceAudioStore } from '../lib/voice-message-store'
import {
  customerAudioName,
  NOTHING_HEARD_REPLY,
  replyAudioName,
  type VoiceMessageFormat,
} from '../domain/voice-messages'
import { tellCallerSignal } from '../workflows/escalation-definitions'
import { userTurnUpdate } from '../workflows/call-definitions'
import { CALL_REFUSED_MESSAGE } from '../workflows/voice-message-definitions'
import type { ActivityDeps } from './index'
import { createMessageSpeech } from './voice-message-speech'

export interface VoiceMessageRef {
  callId: string
  messageId: string
  format: VoiceMessageFormat
}

/** Heartbeats while `work` runs, so a worker that dies is noticed in seconds, not at the timeout. */
async function heartbeating<T>(work: Promise<T>): Promise<T> {
  const context = Context.current()
  const timer = setInterval(() => context.heartbeat(), 1_000)
  try {
    return await work
  } finally {
    clearInterval(timer)
  }
}

async function readWhole(store: VoiceAudioStore, callId: string, name: string): Promise<Buffer> {
  const file = await findVoiceAudio(store, callId, name)
  // Not retryable: the API stores the audio before it starts the workflow; gone means deleted.
  if (!file) throw ApplicationFailure.nonRetryable(`the audio ${name} of call ${callId} is missing`)
  if (file.bytes === 0) return Buffer.alloc(0)
  return Buffer.from(await new Response(await file.read(0, file.bytes - 1)).arrayBuffer())
}

export function createVoiceMessageActivities(deps: ActivityDeps) {
  const store: VoiceAudioStore = { dataDir: deps.dataDir, bucket: deps.recordingsBucket }
  const speech = createMessageSpeech(deps.db, deps.speech)

  return {
    /** What the customer said: '' when nothing was recognised. */
    async transcribeVoiceMessage(m: VoiceMessageRef): Promise<{ transcript: string }> {
      const bytes = await readWhole(store, m.callId, customerAudioName(m.messageId, m.format))
      const pcm = await decodeToPcm(bytes)
      const transcript = await heartbeating(speech.transcribe(pcm))
      return { transcript: transcript.replace(/\s+/g, ' ').trim() }
    },

    /** The call's turn, run once: the update id is the message id. */
    async takeVoiceMessageTurn(m: VoiceMessageRef & { text: string }) {
      const handle = Context.current().client.workflow.getHandle(m.callId)
      try {
        const result = await heartbeating(
          handle.executeUpdate(userTurnUpdate, { args: [{ text: m.text }], updateId: m.messageId }),
        )
        await deps.hooks?.afterVoiceMessageTurn?.({ callId: m.callId, messageId: m.messageId })
        return { reply: result.reply, turn: result.state.turnCount as number | null }
      } catch (err) {
        throw refusal(err, m.callId) ?? err
      }
    },

    /**
     * Nothing was heard: the crew says so, once (keyed by the message), as a line of the call like
     * any other it says outside a turn. No turn runs on an empty text.
     */
    async answerNothingHeard(m: VoiceMessageRef) {
      const handle = Context.current().client.workflow.getHandle(m.callId)
      try {
        await handle.signal(tellCallerSignal, {
          key: `voice-message:${m.messageId}`,
          text: NOTHING_HEARD_REPLY,
        })
      } catch (err) {
        throw refusal(err, m.callId) ?? err
      }
      return { reply: NOTHING_HEARD_REPLY as string | null, turn: null as number | null }
    },

    /** The reply spoken and stored as `<messageId>-reply.wav`. */
    async speakVoiceMessageReply(m: VoiceMessageRef & { text: string }): Promise<void> {
      const wav = await heartbeating(speech.speak(m.text))
      await saveVoiceAudio(store, m.callId, replyAudioName(m.messageId), wav)
    },

    async recordVoiceMessageAnswer(a: {
      messageId: string
      transcript: string
      reply: string | null
      turn: number | null
      hasReplyAudio: boolean
    }): Promise<void> {
      const { messageId, ...answer } = a
      await answerVoiceMessage(deps.db, messageId, answer)
    },

    async recordVoiceMessageFailure(f: { messageId: string; error: string }): Promise<void> {
      await failVoiceMessage(deps.db, f.messageId, f.error)
    },
  }
}

/** A non-retryable failure when the call refused the message (ended, or gone); undefined otherwise. */
function refusal(err: unknown, callId: string): ApplicationFailure | undefined {
  if (err instanceof WorkflowUpdateFailedError) {
    const why = err.cause?.message ?? err.message
    return ApplicationFailure.nonRetryable(`The call did not take the message: ${why}`, CALL_REFUSED_MESSAGE)
  }
  const e = err as Error
  if (e.name === 'WorkflowNotFoundError' || /already completed/i.test(e.message))
    return ApplicationFailure.nonRetryable(`Call ${callId} has ended`, CALL_REFUSED_MESSAGE)
  return undefined
}
