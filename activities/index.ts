/**
 * The activities of the pitcrew worker, built from their dependencies so tests and processes can
 * hand in their own database. Workflows import only the type: `import type { Activities }`.
 */
import type { Db } from '../db/client'
import type { Logger } from '../lib/logger'
import { createCallActivities } from './call-activities'
import { createCatalogCache } from './catalog-cache'
import { createEscalationActivities } from './escalation-activities'
import { createPhoneActivities, type VoiceRooms } from './phone-activities'
import { buildTurnGraph } from './graph'
import { createUnderstander } from './understander'
import { DEFAULT_DEALERSHIP_NAME } from '../domain/catalog'

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
  /** Seams for crash tests: runs between the agent graph and storing the turn. */
  hooks?: { beforeSaveTurn?: (turn: { callId: string; turn: number }) => Promise<void> }
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
  }
}

export type Activities = ReturnType<typeof createActivities>
