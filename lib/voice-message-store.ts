/**
 * Where voice message audio is kept, like call recordings: in the S3-compatible bucket when one is
 * configured, else under DATA_DIR/voice-messages/<callId>/. Files are written whole (a temporary file
 * renamed into place), so a reader never sees half of one and a retried write just replaces it.
 */
import { createReadStream } from 'node:fs'
import { lstat, mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  VOICE_AUDIO_NAME,
  VOICE_MESSAGE_FORMATS,
  VOICE_REPLY_CONTENT_TYPE,
  voiceMessagePrefix,
} from '../domain/voice-messages'
import type { ObjectStore } from './object-store'

export interface VoiceAudioStore {
  dataDir?: string
  bucket?: ObjectStore
}

/** Call ids are `call-<uuid>`; the pattern keeps any other id from naming a folder outside. */
const SAFE_CALL_ID = /^[A-Za-z0-9_-]{1,100}$/

function checkNames(callId: string, name: string) {
  if (!SAFE_CALL_ID.test(callId)) throw new Error(`not a call id: ${JSON.stringify(callId)}`)
  if (!VOICE_AUDIO_NAME.test(name)) throw new Error(`not a voice message audio name: ${JSON.stringify(name)}`)
}

export const voiceAudioKey = (callId: string, name: string) => `${voiceMessagePrefix(callId)}${name}`

/** The content type of a voice message audio file, from its name. */
export function voiceAudioContentType(name: string): string {
  const [, , format] = VOICE_AUDIO_NAME.exec(name) ?? []
  return format
    ? VOICE_MESSAGE_FORMATS[format as keyof typeof VOICE_MESSAGE_FORMATS].contentType
    : VOICE_REPLY_CONTENT_TYPE
}

export function canStoreVoiceAudio(store: VoiceAudioStore): boolean {
  return Boolean(store.bucket ?? store.dataDir)
}

/** Stores one audio file whole; writing it again replaces it with the same bytes. */
export async function saveVoiceAudio(
  store: VoiceAudioStore,
  callId: string,
  name: string,
  bytes: Uint8Array,
) {
  checkNames(callId, name)
  if (store.bucket) return store.bucket.put(voiceAudioKey(callId, name), bytes, voiceAudioContentType(name))
  if (!store.dataDir) throw new Error('voice messages need DATA_DIR or a recordings bucket')
  const dir = path.join(store.dataDir, voiceMessagePrefix(callId))
  await mkdir(dir, { recursive: true })
  const temporary = path.join(dir, `.${name}.${randomUUID()}.tmp`)
  await writeFile(temporary, bytes)
  await rename(temporary, path.join(dir, name))
}

/** One stored audio file: its size and a reader of a byte range; undefined when it is not there. */
export async function findVoiceAudio(
  store: VoiceAudioStore,
  callId: string,
  name: string,
): Promise<{ bytes: number; read(start: number, end: number): Promise<ReadableStream> } | undefined> {
  checkNames(callId, name)
  if (store.bucket) {
    const bucket = store.bucket
    const key = voiceAudioKey(callId, name)
    const [object] = (await bucket.list(key)).filter((o) => o.key === key)
    if (!object) return undefined
    return {
      bytes: object.bytes,
      async read(start, end) {
        const res = await bucket.get(key, `bytes=${start}-${end}`)
        if (!res?.body) throw new Error(`${key} vanished from the bucket`)
        return res.body
      },
    }
  }
  if (!store.dataDir) return undefined
  const file = path.join(store.dataDir, voiceMessagePrefix(callId), name)
  const stats = await lstat(file).catch(() => undefined)
  // A regular file only: never a link that could lead out of the folder.
  if (!stats?.isFile()) return undefined
  return {
    bytes: stats.size,
    read: async (start, end) => Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream,
  }
}
