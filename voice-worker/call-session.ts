/**
 * One voice call: the agent session in the call's LiveKit room. VAD finds the end of each user
 * utterance, STT turns it into text, the call workflow answers it (CallTurnLLM), TTS speaks the reply.
 * The session handles barge-in: a caller who talks over the agent stops its speech. Both sides are
 * recorded (recording/).
 */
import { inference, log, voice, type JobContext } from '@livekit/agents'
import type { Config } from '../config/env'
import { VoiceDispatchMetadata, type AgentState } from '../domain/voice'
import { CallTurnLLM } from './call-turn-llm'
import { createPitcrewClient, type PitcrewClient } from './pitcrew-client'
import { recordCall } from './recording/record-call'
import { createSpeechEngines } from './speech/engines'

/** Spoken on join; the crew's own words start with the first reply. */
export const GREETING = 'Thanks for calling Springfield Auto. How can I help you today?'
/** Spoken instead when a new worker takes over a call that already had turns (the last one died). */
export const REJOIN_GREETING = "Sorry, we got cut off for a moment. I'm back. What were you saying?"

const REPORTED_STATES = new Set<string>(['listening', 'thinking', 'speaking'])

export async function runVoiceCall(ctx: JobContext, config: Config): Promise<void> {
  const { callId } = VoiceDispatchMetadata.parse(JSON.parse(ctx.job.metadata || '{}'))
  if (!config.voice.apiUrl)
    throw new Error('PITCREW_API_URL is not set: the voice worker cannot reach the API')
  const pitcrew = createPitcrewClient(config.voice.apiUrl, config.http.apiKey)
  const [call, engines] = await Promise.all([
    pitcrew.getCall(callId),
    createSpeechEngines(
      { engines: config.voice.engines, openai: { apiKey: config.llm.apiKey, baseUrl: config.llm.baseUrl } },
      () => dealershipVocabulary(pitcrew),
    ),
  ])
  if (call.status === 'ended') return
  await ctx.connect()
  // Before the session starts, so the recording hears the agent's first words.
  const recording = await recordCall({ room: ctx.room, dataDir: config.dataDir, callId })
  ctx.addShutdownCallback(() => recording.close())

  const session = new voice.AgentSession({
    vad: (ctx.proc.userData.vad as inference.VAD | undefined) ?? new inference.VAD(),
    stt: engines.stt,
    tts: engines.tts,
    llm: new CallTurnLLM(async (text, turnKey) => {
      const { reply } = await pitcrew.sendTurn(callId, text, `voice:${callId}:${turnKey}`)
      return reply
    }),
    turnHandling: {
      turnDetection: 'vad',
      // Turns are not speculative here: each one is a durable Update that books and escalates.
      preemptiveGeneration: { enabled: false },
    },
  })
  session.on(voice.AgentSessionEventTypes.AgentStateChanged, (ev) => {
    if (REPORTED_STATES.has(ev.newState)) reportInOrder(pitcrew, callId, ev.newState as AgentState)
  })
  session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
    if (ev.isFinal) log().debug({ callId, transcript: ev.transcript }, 'caller said')
  })
  // One line per stage and turn (STT, end of utterance, the workflow turn as "llm", TTS): bench/ reads them.
  session.on(voice.AgentSessionEventTypes.MetricsCollected, (ev) => {
    log().info({ callId, metrics: ev.metrics }, 'voice metrics')
  })
  session.on(voice.AgentSessionEventTypes.Error, (ev) => {
    log().warn({ callId, error: String(ev.error) }, 'voice session error')
  })
  ctx.room.on('participantDisconnected', () => {
    // The caller hung up: end the call (the workflow records it) and leave the room.
    if (ctx.room.remoteParticipants.size > 0) return
    pitcrew
      .endCall(callId)
      .catch(() => undefined)
      .finally(() => ctx.shutdown('caller left'))
  })
  await session.start({
    agent: new voice.Agent({ instructions: 'Replies come from the pitcrew call workflow.' }),
    room: ctx.room,
  })
  session.say(call.turnCount > 0 ? REJOIN_GREETING : GREETING)
}

/** Agent states are reported one after the other, so SSE clients see them in the order they happened. */
const reports = new Map<string, Promise<void>>()
function reportInOrder(pitcrew: PitcrewClient, callId: string, state: AgentState) {
  const previous = reports.get(callId) ?? Promise.resolve()
  const next = previous.then(() => pitcrew.reportAgentState(callId, state)).catch(() => undefined)
  reports.set(callId, next)
}

async function dealershipVocabulary(pitcrew: PitcrewClient) {
  const [services, inventory] = await Promise.all([pitcrew.listServices(), pitcrew.listInventory()])
  return {
    services: services.map((s) => s.name),
    vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
  }
}
