/**
 * The dashboard's boundary with LiveKit: what a voice session needs from a room, nothing more.
 * The app's rooms come from livekit-client (./livekit-room.ts), loaded only when someone joins a
 * voice call, so the dashboard's first load does not carry the WebRTC client. Tests provide a fake
 * through VoiceRoomContext, as they do for EventSource.
 */
import { createContext } from 'solid-js'
import type { VoiceCredentials } from './types'

export type VoiceConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected'

/** What a room reports while it is open. */
export interface VoiceRoomEvents {
  connection(state: VoiceConnectionState): void
  /** The browser refused to play the room's audio until the user interacts with the page. */
  audioBlocked(blocked: boolean): void
}

export interface VoiceRoom {
  connect(credentials: VoiceCredentials): Promise<void>
  /**
   * Publishes the microphone (asking for permission the first time) or mutes it. Rejects with the
   * browser's error (a DOMException named NotAllowedError when permission is denied).
   */
  setMicrophone(enabled: boolean): Promise<void>
  /** Starts audio playback after the browser blocked it (must run in a click handler). */
  startAudio(): Promise<void>
  disconnect(): Promise<void>
}

export type VoiceRoomFactory = (events: VoiceRoomEvents) => Promise<VoiceRoom>

/** The real rooms: livekit-client, fetched as a separate chunk on first use. */
export const livekitRoomFactory: VoiceRoomFactory = async (events) =>
  (await import('./livekit-room')).createLivekitRoom(events)

/** Where components find the factory (absent = livekit-client). */
export const VoiceRoomContext = createContext<VoiceRoomFactory>()
