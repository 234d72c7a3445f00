/**
 * Recordings of voice calls, as `GET /api/calls/:id/recordings` lists them. The voice worker writes
 * them under DATA_DIR/recordings/<callId>/; the API serves them. Isomorphic: imports only zod.
 */
import { z } from 'zod'

export const Recording = z.object({
  /** File name inside the call's folder, e.g. "call-1.wav" (one per voice worker session). */
  name: z.string(),
  /** Where to fetch the audio: `/api/calls/:id/recordings/:name` (Range requests honoured). */
  url: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  /** Length of the audio, when the file is complete enough to tell. */
  durationSeconds: z.number().optional(),
  /** When recording started (ISO 8601). */
  startedAt: z.string(),
  /** Which side is on which channel, e.g. "left: caller, right: agent". */
  layout: z.string(),
})
export type Recording = z.infer<typeof Recording>

export const RecordingList = z.object({ items: z.array(Recording) })
export type RecordingList = z.infer<typeof RecordingList>
