/**
 * Records a voice call's room: the caller's microphone (the remote participant's audio track) on the
 * left, what the agent publishes (the TTS audio as the caller hears it, cut short on barge-in) on
 * the right, into DATA_DIR/recordings/<callId>/call-<n>.wav. With a bucket configured, the finished
 * part moves there (and leaves DATA_DIR); a part that cannot be moved stays on disk, and is served
 * from there.
 */
import { log } from '@livekit/agents'
import {
  ParticipantKind,
  RoomEvent,
  TrackKind,
  type LocalTrackPublication,
  type RemoteParticipant,
  type RemoteTrack,
  type Room,
} from '@livekit/rtc-node'
import { callRecordingsDir, listBucketParts, recordingKey } from '../../lib/call-recordings'
import type { ObjectStore } from '../../lib/object-store'
import { moveToBucket } from './move-to-bucket'
import { StereoRecorder } from './stereo-recorder'

export interface CallRecording {
  /** Stops recording and completes the file. */
  close(): Promise<void>
}

/**
 * Starts recording the call in `room` (call it before the agent session publishes its audio). A
 * recording that cannot start is logged and skipped: the call matters more than its recording.
 */
export async function recordCall(o: {
  room: Room
  dataDir: string
  callId: string
  bucket?: ObjectStore
}): Promise<CallRecording> {
  const { room, callId } = o
  // Part numbers continue after those already in the bucket; a bucket that cannot say which it has
  // gets nothing from this part (it could overwrite one), which then stays on disk.
  let bucket = o.bucket
  const inBucket = async (): Promise<number[]> => {
    if (!o.bucket) return []
    try {
      return (await listBucketParts(o.bucket, callId)).map((p) => p.part)
    } catch (err) {
      log().warn(
        { callId, error: String(err) },
        'the recordings bucket cannot be listed: this part stays on disk',
      )
      bucket = undefined
      return []
    }
  }
  let recorder: StereoRecorder
  try {
    recorder = await StereoRecorder.start({
      dir: callRecordingsDir(o.dataDir, callId),
      takenParts: inBucket,
      onError: (err) => log().warn({ callId, error: String(err) }, 'call recording stopped: writing failed'),
    })
  } catch (err) {
    log().warn({ callId, error: String(err) }, 'call recording could not start')
    return { close: async () => {} }
  }
  log().info({ callId, file: recorder.filePath }, 'recording the call')

  const onCallerTrack = (track: RemoteTrack, participant: RemoteParticipant) => {
    // Another agent (one taking the call over) is not the caller.
    if (track.kind === TrackKind.KIND_AUDIO && participant.kind !== ParticipantKind.AGENT)
      recorder.record('caller', track)
  }
  const onAgentTrack = (publication: LocalTrackPublication) => {
    if (publication.track?.kind === TrackKind.KIND_AUDIO) recorder.record('agent', publication.track)
  }
  const onSubscribed = (track: RemoteTrack, _: unknown, participant: RemoteParticipant) =>
    onCallerTrack(track, participant)

  for (const participant of room.remoteParticipants.values())
    for (const publication of participant.trackPublications.values())
      if (publication.track) onCallerTrack(publication.track, participant)
  for (const publication of room.localParticipant?.trackPublications.values() ?? []) onAgentTrack(publication)
  room.on(RoomEvent.TrackSubscribed, onSubscribed)
  room.on(RoomEvent.LocalTrackPublished, onAgentTrack)

  return {
    async close() {
      room.off(RoomEvent.TrackSubscribed, onSubscribed)
      room.off(RoomEvent.LocalTrackPublished, onAgentTrack)
      await recorder.close()
      log().info({ callId, file: recorder.filePath }, 'call recording complete')
      if (bucket) await moveFinishedPart(bucket, callId, recorder)
    },
  }
}

async function moveFinishedPart(bucket: ObjectStore, callId: string, recorder: StereoRecorder) {
  const key = recordingKey(callId, recorder.name)
  try {
    await moveToBucket(bucket, recorder.filePath, key)
    log().info({ callId, bucket: bucket.describe(), key }, 'call recording stored in the bucket')
  } catch (err) {
    log().warn(
      { callId, key, error: String(err) },
      'call recording stays on disk: storing it in the bucket failed',
    )
  }
}
