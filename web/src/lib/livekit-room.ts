/**
 * A VoiceRoom on livekit-client: the only file that imports it (voice-room.ts loads it on demand).
 * Remote audio (the voice agent, or everyone when listening in) plays through <audio> elements kept
 * in a hidden holder on the page, one per track, marked `data-voice-track`.
 */
import { ConnectionState, Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client'
import type { VoiceConnectionState, VoiceRoom, VoiceRoomEvents } from './voice-room'

const CONNECTION: Record<ConnectionState, VoiceConnectionState> = {
  [ConnectionState.Connecting]: 'connecting',
  [ConnectionState.Connected]: 'connected',
  [ConnectionState.Reconnecting]: 'reconnecting',
  [ConnectionState.SignalReconnecting]: 'reconnecting',
  [ConnectionState.Disconnected]: 'disconnected',
}

export function createLivekitRoom(events: VoiceRoomEvents): VoiceRoom {
  const room = new Room({ adaptiveStream: false, dynacast: false })
  const holder = document.createElement('div')
  holder.hidden = true
  holder.dataset.voiceAudio = ''
  document.body.append(holder)

  room
    .on(RoomEvent.ConnectionStateChanged, (state) => events.connection(CONNECTION[state]))
    .on(RoomEvent.AudioPlaybackStatusChanged, () => events.audioBlocked(!room.canPlaybackAudio))
    .on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind !== Track.Kind.Audio) return
      const element = track.attach()
      element.dataset.voiceTrack = track.sid ?? ''
      holder.append(element)
    })
    .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
      for (const element of track.detach()) element.remove()
    })

  return {
    async connect({ url, token }) {
      events.connection('connecting')
      await room.connect(url, token, { autoSubscribe: true })
    },
    async setMicrophone(enabled) {
      await room.localParticipant.setMicrophoneEnabled(enabled)
    },
    startAudio: () => room.startAudio(),
    async disconnect() {
      await room.disconnect()
      holder.remove()
    },
  }
}
