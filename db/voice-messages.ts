/** Voice message rows (see voiceMessages in schema.ts): taken by the API, completed by the workflow. */
import { asc, eq } from 'drizzle-orm'
import {
  customerAudioName,
  replyAudioName,
  voiceAudioUrl,
  type VoiceMessage,
  type VoiceMessageFormat,
} from '../domain/voice-messages'
import type { DbOrTx } from './client'
import { voiceMessages } from './schema'

export type VoiceMessageRow = typeof voiceMessages.$inferSelect

/**
 * Records a message the API took; false when the id was there already (a repeated key, maybe
 * arriving at the same moment), which changes nothing.
 */
export async function insertVoiceMessage(
  db: DbOrTx,
  m: {
    messageId: string
    callId: string
    bodySha256: string
    format: VoiceMessageFormat
    durationSeconds: number
  },
): Promise<boolean> {
  const inserted = await db
    .insert(voiceMessages)
    .values(m)
    .onConflictDoNothing()
    .returning({ messageId: voiceMessages.messageId })
  return inserted.length > 0
}

export async function getVoiceMessage(db: DbOrTx, messageId: string): Promise<VoiceMessageRow | undefined> {
  const [row] = await db.select().from(voiceMessages).where(eq(voiceMessages.messageId, messageId))
  return row
}

/** What the workflow found out; written again with the same values when an activity is retried. */
export async function answerVoiceMessage(
  db: DbOrTx,
  messageId: string,
  a: { transcript: string; reply: string | null; turn: number | null; hasReplyAudio: boolean },
) {
  await db
    .update(voiceMessages)
    .set({ ...a, status: 'answered', answeredAt: new Date(), error: null })
    .where(eq(voiceMessages.messageId, messageId))
}

export async function failVoiceMessage(db: DbOrTx, messageId: string, error: string) {
  await db
    .update(voiceMessages)
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where(eq(voiceMessages.messageId, messageId))
}

export async function listVoiceMessages(db: DbOrTx, callId: string): Promise<VoiceMessage[]> {
  const rows = await db
    .select()
    .from(voiceMessages)
    .where(eq(voiceMessages.callId, callId))
    .orderBy(asc(voiceMessages.createdAt), asc(voiceMessages.messageId))
  return rows.map(toVoiceMessage)
}

export function toVoiceMessage(row: VoiceMessageRow): VoiceMessage {
  return {
    messageId: row.messageId,
    callId: row.callId,
    status: row.status,
    transcript: row.transcript,
    reply: row.reply,
    audioUrl: voiceAudioUrl(row.callId, customerAudioName(row.messageId, row.format as VoiceMessageFormat)),
    replyAudioUrl: row.hasReplyAudio ? voiceAudioUrl(row.callId, replyAudioName(row.messageId)) : null,
    durationSeconds: row.durationSeconds,
    turn: row.turn,
    createdAt: row.createdAt.toISOString(),
  }
}
