import { WorkflowUpdateFailedError, type Client } from '@temporalio/client'
import type { CallListCursor } from '../../db/call-list'
import type { Db } from '../../db/client'
import { listHumanAgents } from '../../db/catalog'
import { listTasks } from '../../db/escalations'
import { userTurnUpdate, type TurnInput, type TurnResult } from '../../workflows/call-definitions'
import { badRequest, conflict } from '../errors'
import { CallId } from '../id-params'

/**
 * Runs the `userTurn` Update. The update id is the idempotency key, so Temporal itself answers a
 * repeated key with the first result instead of running a second turn.
 */
export async function sendTurn(
  client: Client,
  callId: string,
  input: TurnInput,
  updateId: string,
): Promise<TurnResult> {
  try {
    return await client.workflow.getHandle(callId).executeUpdate(userTurnUpdate, { args: [input], updateId })
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const why = err.cause?.message ?? err.message
      throw conflict(`The call did not take the message: ${why}`)
    }
    if (
      (err as Error).name === 'WorkflowNotFoundError' ||
      /already completed/i.test((err as Error).message)
    ) {
      throw conflict(`Call ${callId} has ended`)
    }
    throw err
  }
}

/** The human agent with this id; a 400 naming `humanAgentId` when there is none. */
export async function findHumanAgent(db: Db, humanAgentId: number) {
  const [agent] = await listHumanAgents(db, [humanAgentId])
  if (!agent) {
    throw badRequest(`unknown humanAgentId ${humanAgentId}`, [
      { path: 'humanAgentId', message: 'is not a human agent' },
    ])
  }
  return agent
}

/**
 * A person speaks in a call only while working on one of its tasks: one they accepted and have not
 * resolved. Anything else is a 409, so a stale dashboard tab cannot talk over the crew.
 */
export async function assertHumanOnCall(db: Db, callId: string, humanAgentId: number): Promise<void> {
  const agent = await findHumanAgent(db, humanAgentId)
  const { items } = await listTasks(db, { callId, status: 'running', limit: 100 })
  if (!items.some((t) => t.humanAgentId === humanAgentId)) {
    throw conflict(`${agent.name} has no running task on call ${callId}: accept its escalation first`)
  }
}

export function encodeCursor(c: CallListCursor): string {
  const raw = 'offset' in c ? `offset|${c.offset}` : `${c.startedAt}|${c.id}`
  return Buffer.from(raw).toString('base64url')
}

const MAX_OFFSET = 1_000_000

/**
 * The cursor, or null when it is not one of ours. Only what encodeCursor makes passes: a canonical
 * time (milliseconds or microseconds) in years 1 to 9999 (Postgres has no year 0, and JavaScript dates reach years it cannot hold)
 * and a call id, or the offset of a ranked search page; anything else would reach the query and be
 * refused by Postgres there.
 */
export function decodeCursor(raw: string): CallListCursor | null {
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|')
  if (rest.length > 0) return null
  if (at === 'offset') {
    const offset = Number(id)
    return /^\d{1,7}$/.test(id ?? '') && offset <= MAX_OFFSET ? { offset } : null
  }
  // Milliseconds (cursors made before microseconds were kept) or microseconds.
  const m = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/.exec(at ?? '')
  if (!m || !at) return null
  const startedAt = new Date(at.slice(0, 23) + 'Z')
  if (Number.isNaN(startedAt.getTime()) || startedAt.toISOString() !== at.slice(0, 23) + 'Z') return null
  const year = Number(m[1])
  if (year < 1 || year > 9999 || !CallId.safeParse(id).success) return null
  return { startedAt: at, id: id! }
}
