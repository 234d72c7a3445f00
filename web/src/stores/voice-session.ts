/**
 * createVoiceSession: this browser's place in one call's LiveKit room, as the caller (microphone
 * published, mute) or as staff listening in (hidden, cannot publish). It gets its tokens from the API
 * and its room from a VoiceRoomFactory; what the agent is doing comes from the call's SSE stream, not
 * from here. useCallVoice ties one to a call's console.
 */
import { createEffect, createSignal, onCleanup, onMount, useContext, type Accessor } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import type { VoiceCredentials } from '../lib/types'
import { takeVoiceCredentials } from '../lib/voice-handoff'
import {
  livekitRoomFactory,
  VoiceRoomContext,
  type VoiceConnectionState,
  type VoiceRoom,
  type VoiceRoomFactory,
} from '../lib/voice-room'

export type VoiceRole = 'caller' | 'listener'

/**
 * `off`: not published (a listener, or not joined yet); `denied`: the browser (or the person) refused
 * the microphone; `missing`: there is none, or the page is not a secure context.
 */
export type MicState = 'off' | 'on' | 'muted' | 'denied' | 'missing'

export interface VoiceSession {
  /** Null when this browser is not in the room. */
  role: Accessor<VoiceRole | null>
  /** Null when not in the room; `disconnected` after the room closed or the network gave up. */
  connection: Accessor<VoiceConnectionState | null>
  mic: Accessor<MicState>
  /** The browser blocks playback until a click: show a button that calls startAudio(). */
  audioBlocked: Accessor<boolean>
  error: Accessor<string | null>
  /** Joins as the caller with these credentials, or with a fresh token (POST /api/voice/token). */
  joinAsCaller(credentials?: VoiceCredentials): Promise<void>
  /** Joins hidden and listen-only (POST /api/voice/listen-in). */
  listenIn(): Promise<void>
  setMuted(muted: boolean): Promise<void>
  /** Asks for the microphone again, e.g. after the person allowed it in the browser. */
  retryMicrophone(): Promise<void>
  startAudio(): Promise<void>
  leave(): Promise<void>
}

export function createVoiceSession(
  callId: string,
  createRoom: VoiceRoomFactory = livekitRoomFactory,
): VoiceSession {
  const [role, setRole] = createSignal<VoiceRole | null>(null)
  const [connection, setConnection] = createSignal<VoiceConnectionState | null>(null)
  const [mic, setMic] = createSignal<MicState>('off')
  const [audioBlocked, setAudioBlocked] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  let room: VoiceRoom | undefined
  /** Counts joins and leaves: a join that was overtaken by another (or by a leave) stops. */
  let generation = 0

  const leave = async () => {
    generation++
    const leaving = room
    room = undefined
    setRole(null)
    setConnection(null)
    setMic('off')
    setAudioBlocked(false)
    await leaving?.disconnect().catch(() => undefined)
  }

  /** Opens the room with credentials from `getCredentials`; events of a room left since are ignored. */
  const join = async (as: VoiceRole, getCredentials: () => Promise<VoiceCredentials>) => {
    await leave()
    const mine = ++generation
    const current = () => generation === mine
    setError(null)
    setRole(as)
    setConnection('connecting')
    try {
      const credentials = await getCredentials()
      if (!current()) return
      const opened = await createRoom({
        connection: (state) => current() && setConnection(state),
        audioBlocked: (blocked) => current() && setAudioBlocked(blocked),
      })
      if (!current()) return void opened.disconnect()
      room = opened
      await opened.connect(credentials)
      if (!current()) return
      setConnection('connected')
      if (as === 'caller') await enableMicrophone()
    } catch (err) {
      if (!current()) return
      setError(`Could not join the call's audio: ${errorMessage(err)}`)
      await leave()
    }
  }

  const enableMicrophone = async () => {
    if (!room) return
    try {
      await room.setMicrophone(true)
      setMic('on')
    } catch (err) {
      const failure = micFailure(err)
      setMic(failure)
      if (failure === 'missing') setError(`No microphone could be used: ${errorMessage(err)}`)
    }
  }

  const tokenFrom = (path: string) => () => api<VoiceCredentials>(path, { body: { callId } })

  return {
    role,
    connection,
    mic,
    audioBlocked,
    error,
    joinAsCaller: (credentials) =>
      join('caller', credentials ? async () => credentials : tokenFrom('/api/voice/token')),
    listenIn: () => join('listener', tokenFrom('/api/voice/listen-in')),
    async setMuted(muted) {
      if (!room || (mic() !== 'on' && mic() !== 'muted')) return
      try {
        await room.setMicrophone(!muted)
        setMic(muted ? 'muted' : 'on')
      } catch (err) {
        setError(`Could not ${muted ? 'mute' : 'unmute'} the microphone: ${errorMessage(err)}`)
      }
    },
    retryMicrophone: enableMicrophone,
    async startAudio() {
      try {
        await room?.startAudio()
        setAudioBlocked(false)
      } catch (err) {
        setError(`The browser would not play the call's audio: ${errorMessage(err)}`)
      }
    },
    leave,
  }
}

/**
 * The voice session of a call's console: it joins as the caller when the page was opened by "Start
 * voice call" (credentials handed off), leaves when the call ends or the console closes (which hangs
 * up a caller).
 */
export function useCallVoice(callId: string, ended: Accessor<boolean>): VoiceSession {
  const voice = createVoiceSession(callId, useContext(VoiceRoomContext))
  onCleanup(() => void voice.leave())
  onMount(() => {
    const credentials = takeVoiceCredentials(callId)
    if (credentials) void voice.joinAsCaller(credentials)
  })
  // The room closes with the call; leave it rather than wait for LiveKit to drop us.
  createEffect(() => ended() && voice.role() && void voice.leave())
  return voice
}

/** Why the microphone could not be used, from the browser's getUserMedia error. */
function micFailure(err: unknown): MicState {
  const name = (err as { name?: string } | null)?.name
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied'
  return 'missing'
}
