/**
 * One voice call: the agent session in the call's LiveKit room. VAD finds the end of each user
 * utterance, STT turns it into text, the call workflow answers it (CallTurnLLM), TTS speaks the reply.
 * The session handles barge-in: a caller who talks over the agent stops its speech; the worker logs
 * it, with each side's talk time, as `speech` events (speech-tracker.ts). Both sides are recorded
 * (recording/).
 */
import { inference, log, voice, type JobContext } from '@livekit/agents'
import type { Config } from '../config/env'
import { VoiceDispatchMetadata, type AgentState } from '../domain/voice'
import { createObjectStore } from '../lib/object-store'
import { CallTurnLLM } from './call-turn-llm'
import { keepsTheCall } from './one-agent-per-call'
import { leaveWhenWorkerDies } from './leave-when-worker-dies'
import { createPitcrewClient, type PitcrewClient } from './pitcrew-client'
import { recordCall } from './recording/record-call'
import { createSpeechTracker } from './speech-tracker'
import { createSpokenLines } from './spoken-lines'
import { createSpeechEngines } from './speech/engines'

/** Spoken when a new worker takes over a call that already had turns (the last one died). */
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
  leaveWhenWorkerDies(ctx, callId)
  await ctx.connect()
  // Two agents sent to the same call at once leave it to one (one-agent-per-call.ts).
  const othersHaveIt = () =>
    !keepsTheCall(ctx.room.localParticipant?.identity ?? '', ctx.room.remoteParticipants.values())
  if (othersHaveIt()) return ctx.shutdown('another agent has this call')
  ctx.room.on('participantConnected', () => {
    if (othersHaveIt()) ctx.shutdown('another agent has this call')
  })
  // Before the session starts, so the recording hears the agent's first words.
  const recording = await recordCall({
    room: ctx.room,
    dataDir: config.dataDir,
    callId,
    bucket: config.recordings.s3 && createObjectStore(config.recordings.s3),
  })
  ctx.addShutdownCallback(() => recording.close())

  // Lines said outside the caller's turns (the greeting, notices, a person's words) are spoken as
  // they land in the transcript; a worker taking a call over starts after what was already said.
  const afterSeq = call.turnCount > 0 ? (call.transcript.at(-1)?.seq ?? 0) : 0
  const lines = createSpokenLines({ afterSeq, speak: (text) => void session.say(text) })
  const session = new voice.AgentSession({
    vad: (ctx.proc.userData.vad as inference.VAD | undefined) ?? new inference.VAD(),
    stt: engines.stt,
    tts: engines.tts,
    llm: new CallTurnLLM(async (text, turnKey) => {
      lines.turnStarted()
      let turn: number | null = null
      try {
        const sent = performance.now()
        const answer = await pitcrew.sendTurn(callId, text, `voice:${callId}:${turnKey}`)
        turn = answer.turn
        const turnMs = Math.round(performance.now() - sent)
        log().info({ callId, turnMs, serverTiming: answer.serverTiming }, 'turn answered')
        return answer.reply
      } finally {
        lines.turnFinished(turn)
      }
    }),
    turnHandling: {
      turnDetection: 'vad',
      // Turns are not speculative here: each one is a durable Update that books and escalates.
      preemptiveGeneration: { enabled: false },
    },
  })
  const speech = createSpeechTracker((segment) =>
    reportInOrder(callId, () => pitcrew.reportSpeech(callId, segment)),
  )
  session.on(voice.AgentSessionEventTypes.AgentStateChanged, (ev) => {
    speech.agentState(ev.newState)
    if (REPORTED_STATES.has(ev.newState))
      reportInOrder(callId, () => pitcrew.reportAgentState(callId, ev.newState as AgentState))
  })
  session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => speech.userState(ev.newState))
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
    if (ctx.room.remoteParticipants.size > 0) return
    void endIfCallerLeft(pitcrew, callId).then((ended) => {
      if (ended) ctx.shutdown('caller left')
    })
  })

  await session.start({
    agent: new voice.Agent({ instructions: 'Replies come from the pitcrew call workflow.' }),
    room: ctx.room,
  })
  if (call.turnCount > 0) session.say(REJOIN_GREETING)
  const following = new AbortController()
  ctx.addShutdownCallback(async () => following.abort())
  void pitcrew.followTranscript(callId, (entry) => lines.onEntry(entry), following.signal)
}

/**
 * The last caller left: end the call (the workflow records it) and say whether the worker should go.
 * A phone call whose customer has not answered yet is not over: a callee who did not pick up leaves
 * the room, and the workflow dials again.
 */
async function endIfCallerLeft(pitcrew: PitcrewClient, callId: string): Promise<boolean> {
  try {
    const call = await pitcrew.getCall(callId)
    if (call.channel === 'phone' && call.status !== 'ended' && call.phone?.status !== 'answered') return false
    await pitcrew.endCall(callId)
  } catch {
    // The API is unreachable: leaving is still right, and the idle timeout ends the call.
  }
  return true
}

/**
 * Agent states and speech are reported one after the other, so SSE clients see them in the order
 * they happened.
 */
const reports = new Map<string, Promise<void>>()
function reportInOrder(callId: string, send: () => Promise<void>) {
  const previous = reports.get(callId) ?? Promise.resolve()
  const next = previous.then(send).catch(() => undefined)
  reports.set(callId, next)
}

async function dealershipVocabulary(pitcrew: PitcrewClient) {
  const [services, inventory] = await Promise.all([pitcrew.listServices(), pitcrew.listInventory()])
  return {
    services: services.map((s) => s.name),
    vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
  }
}
