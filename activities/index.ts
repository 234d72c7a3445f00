/**
 * The activities of the pitcrew worker, built from their dependencies so tests and processes can
 * hand in their own database. Workflows import only the type: `import type { Activities }`.
 */
import type { Db } from '../db/client'
import type { Logger } from '../lib/logger'
import { createAnalysisActivities } from './analysis-activities'
import { createCallActivities } from './call-activities'
import { createCatalogCache } from './catalog-cache'
import { createEscalationActivities } from './escalation-activities'
import { createPhoneActivities, type VoiceRooms } from './phone-activities'
import { buildTurnGraph } from './graph'
import { createUnderstander } from './understander'
import { createWebhookActivities } from './webhook-activities'
import { DEFAULT_DEALERSHIP_NAME } from '../domain/catalog'
import type { ObjectStore } from '../lib/object-store'
import type { SpeechSettings } from '../voice-worker/speech/engines'
import { createVoiceMessageActivities } from './voice-message-activities'

export interface ActivityDeps {
  db: Db
  log: Logger
  dealershipTimeZone: string
  dealershipName?: string
  /** The clock the agents read "today" from; tests pin it. */
  now?: () => Date
  /** `toolTimeoutMs` (tests) bounds LLM mode's tool-calling step; default 8 s. */
  llm?: { apiKey?: string; baseUrl?: string; model?: string; toolTimeoutMs?: number }
  /** LiveKit rooms of voice calls (agent dispatch, SIP dialing); unset when voice is off. */
  voiceRooms?: VoiceRooms
  /** DATA_DIR, where voice message audio is kept when no bucket is configured. */
  dataDir?: string
  /** The recordings bucket: voice message audio goes there when it is configured. */
  recordingsBucket?: ObjectStore
  /** Speech engines for voice messages (as the voice worker's); unset = offline. */
  speech?: SpeechSettings
  /** Webhook delivery: whether private/loopback receivers are allowed (WEBHOOK_ALLOW_PRIVATE). */
  webhooks?: { allowPrivate: boolean }
  /** Post-call analysis: the keywords it counts; how long the LLM summary may take. */
  analysis?: { keywords?: readonly string[]; summaryTimeoutMs?: number }
  /**
   * Seams for crash tests: `beforeSaveTurn` runs between the agent graph and storing the turn,
   * `beforeSaveAnalysis` between analysing an ended call and storing its analysis,
   * `afterVoiceMessageTurn` after a voice message's turn ran, before its activity reports it done (so
   * a retry sends the Update again) and before the reply audio.
   */
  hooks?: {
    beforeSaveTurn?: (turn: { callId: string; turn: number }) => Promise<void>
    beforeSaveAnalysis?: (call: { callId: string }) => Promise<void>
    afterVoiceMessageTurn?: (message: { callId: string; messageId: string }) => Promise<void>
  }
}

export function createActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date())
  const catalog = createCatalogCache(deps.db)
  const understander = createUnderstander({ ...deps, now, catalog })
  const graph = buildTurnGraph({
    db: deps.db,
    timeZone: deps.dealershipTimeZone,
    now,
    catalog,
    understand: understander.understand,
    phrase: understander.phrase,
    dealershipName: deps.dealershipName ?? DEFAULT_DEALERSHIP_NAME,
    ...(understander.chat
      ? { toolChat: { chat: understander.chat, timeoutMs: deps.llm?.toolTimeoutMs } }
      : {}),
    log: deps.log,
  })
  return {
    ...createCallActivities(deps, graph),
    ...createEscalationActivities({ ...deps, now }),
    ...createPhoneActivities(deps),
    ...createWebhookActivities(deps),
    ...createAnalysisActivities(deps),
    ...createVoiceMessageActivities(deps),
  }
}

export type Activities = ReturnType<typeof createActivities>
