/**
 * Recordings of voice calls: the list of a call's parts and each part's audio, served with Range
 * support so an <audio> element can seek. The files are the voice worker's (see lib/call-recordings.ts).
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { z } from 'zod'
import { getCallState } from '../../db/calls'
import { RECORDING_CONTENT_TYPE, RECORDING_NAME, recordingPart } from '../../lib/call-recordings'
import { serveBytes } from '../byte-range'
import type { ApiDeps, AppEnv } from '../context'
import { notFound } from '../errors'
import type { Operation } from '../openapi'
import { findInBucket, listBucketRecordings } from '../recording-bucket'
import { findRecording, listRecordings } from '../recording-files'
import { validate } from '../validate'
import { CallParams } from './calls'

const RecordingParams = CallParams.extend({
  name: z.string().regex(RECORDING_NAME, 'is not a recording name (call-<n>.wav)'),
})

export const recordingOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/calls/{id}/recordings',
    summary: "The call's recordings (one stereo WAV per voice worker session: left caller, right agent)",
    tag: 'calls',
    params: CallParams,
    responses: { 200: '{items: Recording[]} (empty for a call without recordings)', 404: 'Unknown call' },
  },
  {
    method: 'get',
    path: '/api/calls/{id}/recordings/{name}',
    summary: 'The audio of one recording (audio/wav); Range requests answer 206',
    tag: 'calls',
    params: RecordingParams,
    responses: {
      200: 'The whole file',
      206: 'The requested byte range (Content-Range)',
      400: 'Not a call id or recording name',
      404: 'Unknown call or recording',
      416: 'A range outside the file, several ranges, or a malformed Range header',
    },
  },
]

async function requireCall(deps: ApiDeps, callId: string) {
  if (!(await getCallState(deps.db, callId))) throw notFound(`No call ${callId}`)
}

export const recordingRoutes = new Hono<AppEnv>()
  .get('/:id/recordings', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    const { deps } = c.var
    await requireCall(deps, id)
    const [onDisk, inBucket] = await Promise.all([
      deps.dataDir ? listRecordings(deps.dataDir, id) : [],
      deps.recordingsBucket ? listBucketRecordings(deps.recordingsBucket, id) : [],
    ])
    // A part on disk is in progress, or could not be moved: the disk's copy is the one to play.
    const byName = new Map([...inBucket, ...onDisk].map((r) => [r.name, r]))
    const items = [...byName.values()].sort((a, b) => recordingPart(a.name)! - recordingPart(b.name)!)
    return c.json({ items })
  })
  .get('/:id/recordings/:name', validate('param', RecordingParams), async (c) => {
    const { id, name } = c.req.valid('param')
    const { deps } = c.var
    await requireCall(deps, id)
    const file = deps.dataDir ? await findRecording(deps.dataDir, id, name) : undefined
    const stored =
      !file && deps.recordingsBucket ? await findInBucket(deps.recordingsBucket, id, name) : undefined
    const bytes = file?.bytes ?? stored?.bytes
    if (bytes === undefined) throw notFound(`Call ${id} has no recording ${name}`)

    return serveBytes(c, {
      name,
      bytes,
      contentType: RECORDING_CONTENT_TYPE,
      // A call in progress still grows its recording.
      cacheControl: 'no-cache',
      read: async (start, end) =>
        file
          ? (Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream)
          : stored!.read(start, end),
    })
  })
