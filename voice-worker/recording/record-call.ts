/**
 * Records a voice call's room: the caller's microphone (the remote participant's audio track) on the
 * left, what the agent publishes (the TTS audio as the caller hears it, cut short on barge-in) on
 * the right, into DATA_DIR/recordings/<callId>/call-<n>.wav.
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
import { callRecordingsDir } from '../../lib/call-recordings'
import { StereoRecorder } from './stereo-recorder'

export interface CallRecording {
  /** Stops recording and completes the file. */
  close(): Promise<void>
}

/**
 * Starts recording the call in `room` (call it before the agent session publishes its audio). A
 * recording that cannot start is logged and skipped: the call matters more than its recording.
 */
export async function recordCall(o: { room: Room; dataDir: string; callId: string }): Promise<CallRecording> {
  const { room, callId } = o
  let recorder: StereoRecorder
  try {
    recorder = await StereoRecorder.start({
      dir: callRecordingsDir(o.dataDir, callId),
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
    },
  }
}
