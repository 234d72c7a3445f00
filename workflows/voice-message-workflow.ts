/**
 * One voice message, heard, answered and spoken durably: STT, the call's turn (the `userTurn` Update,
 * keyed by the message id), TTS. A worker that dies anywhere leaves the next one to carry on from the
 * last finished step, so a message makes one turn and one reply audio however it is interrupted.
 */
import { isCancellation, proxyActivities } from '@temporalio/workflow'
import type { Activities } from '../activities'
import {
  customerAudioName,
  replyAudioName,
  voiceAudioUrl,
  type VoiceMessageResult,
} from '../domain/voice-messages'
import type { VoiceMessageInput } from './voice-message-definitions'

// Speech runs for seconds; heartbeats tell a dead worker from a slow engine long before the timeout.
const speech = proxyActivities<Activities>({
  startToCloseTimeout: '3 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second' },
})
// The turn waits behind any turn the call is running; the Update itself is not run twice.
const turns = proxyActivities<Activities>({
  startToCloseTimeout: '3 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second' },
})
const rows = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' })

export async function voiceMessageWorkflow(input: VoiceMessageInput): Promise<VoiceMessageResult> {
  const ref = { callId: input.callId, messageId: input.messageId, format: input.format }
  try {
    const { transcript } = await speech.transcribeVoiceMessage(ref)
    const answer = transcript
      ? await turns.takeVoiceMessageTurn({ ...ref, text: transcript })
      : await turns.answerNothingHeard(ref)
    const hasReplyAudio = answer.reply !== null && answer.reply.trim() !== ''
    if (hasReplyAudio) await speech.speakVoiceMessageReply({ ...ref, text: answer.reply! })
    await rows.recordVoiceMessageAnswer({ messageId: input.messageId, transcript, ...answer, hasReplyAudio })
    return {
      messageId: input.messageId,
      transcript,
      reply: answer.reply,
      replyAudioUrl: hasReplyAudio ? voiceAudioUrl(input.callId, replyAudioName(input.messageId)) : null,
      audioUrl: voiceAudioUrl(input.callId, customerAudioName(input.messageId, input.format)),
      durationSeconds: input.durationSeconds,
      turn: answer.turn,
    }
  } catch (err) {
    if (!isCancellation(err))
      await rows.recordVoiceMessageFailure({ messageId: input.messageId, error: failureMessage(err) })
    throw err
  }
}

/** The innermost message of a failure (an activity's own error, not "Activity task failed"). */
function failureMessage(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined
  while (e?.cause) e = e.cause as typeof e
  return e?.message ?? String(err)
}
