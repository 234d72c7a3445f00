/**
 * A fake of the dashboard's LiveKit boundary (lib/voice-room.ts) for jsdom, which has no WebRTC:
 * it records what the session asked of the room (credentials, microphone on/off, leaving) and lets a
 * test play the room's side (connection changes, blocked audio, a refused microphone).
 */
import type { VoiceCredentials } from '../lib/types'
import type { VoiceConnectionState, VoiceRoom, VoiceRoomEvents, VoiceRoomFactory } from '../lib/voice-room'

export class FakeVoiceRoom implements VoiceRoom {
  static rooms: FakeVoiceRoom[] = []
  /** The error the next setMicrophone(true) rejects with (e.g. a NotAllowedError DOMException). */
  static micError: Error | null = null

  credentials: VoiceCredentials | null = null
  /** Every setMicrophone call, in order. */
  microphone: boolean[] = []
  disconnected = false

  constructor(private readonly events: VoiceRoomEvents) {
    FakeVoiceRoom.rooms.push(this)
  }

  async connect(credentials: VoiceCredentials) {
    this.credentials = credentials
    this.events.connection('connecting')
  }

  async setMicrophone(enabled: boolean) {
    if (enabled && FakeVoiceRoom.micError) throw FakeVoiceRoom.micError
    this.microphone.push(enabled)
  }

  async startAudio() {
    this.events.audioBlocked(false)
  }

  async disconnect() {
    this.disconnected = true
  }

  /** The room's side: LiveKit reports a connection change, or blocked playback. */
  emitConnection(state: VoiceConnectionState) {
    this.events.connection(state)
  }
  emitAudioBlocked(blocked: boolean) {
    this.events.audioBlocked(blocked)
  }

  static reset() {
    FakeVoiceRoom.rooms = []
    FakeVoiceRoom.micError = null
  }

  static latest(): FakeVoiceRoom {
    const last = FakeVoiceRoom.rooms.at(-1)
    if (!last) throw new Error('no voice room was opened')
    return last
  }

  static factory: VoiceRoomFactory = async (events) => new FakeVoiceRoom(events)
}
