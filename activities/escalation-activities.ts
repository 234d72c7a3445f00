/**
 * The activities of an escalation: who can take the call now, when to call back, and recording
 * every step of a task (its row, and a `task` event on the call) exactly once.
 */
import { eq } from 'drizzle-orm'
import { agentWorkload, insertTask, updateTask } from '../db/escalations'
import { businessHours } from '../db/schema'
import { isOpenAt, nextCallbackTime, type WeeklyHours } from '../domain/business-hours'
import type { TaskView } from '../workflows/escalation-definitions'
import type { ActivityDeps } from '.'

/** Callbacks are made by the sales team, so their hours decide when a person can call. */
const CALLBACK_DEPARTMENT = 'sales'
/** Do not start a hand-over in the last minutes before closing. */
const CLOSING_LEAD_MINUTES = 10

export interface TaskPatch {
  status?: TaskView['status']
  reason?: string
  humanAgentId?: number
  offeredTo?: string | null
  outcome?: string
  notes?: string | null
  /** 'now' is the activity's clock: workflows have no business reading wall time into rows. */
  acceptedAt?: 'now'
  resolvedAt?: 'now'
}

export function createEscalationActivities(deps: ActivityDeps & { now: () => Date }) {
  const weeklyHours = async (): Promise<WeeklyHours> => {
    const rows = await deps.db
      .select()
      .from(businessHours)
      .where(eq(businessHours.department, CALLBACK_DEPARTMENT))
    return Object.fromEntries(rows.map((r) => [r.weekday, { opensAt: r.opensAt, closesAt: r.closesAt }]))
  }

  return {
    /**
     * Whether a person can take the call now, and who, least busy first; and whether a callback can
     * be a phone call the crew places (a SIP trunk is configured) rather than a task for a person.
     */
    async escalationOptions() {
      const openNow = isOpenAt(deps.now(), await weeklyHours(), deps.dealershipTimeZone, CLOSING_LEAD_MINUTES)
      const agents = openNow ? (await agentWorkload(deps.db)).map(({ id, name }) => ({ id, name })) : []
      return { openNow, agents, canDial: Boolean(deps.voiceRooms?.sipTrunkId) }
    },

    /** When the dealership will call back: the customer's time if it can be kept, else the next good one. */
    async planCallback(input: { requested?: { date: string; time: string } }) {
      const at = nextCallbackTime({
        now: deps.now(),
        hours: await weeklyHours(),
        timeZone: deps.dealershipTimeZone,
        requested: input.requested,
      })
      return { date: at.date, time: at.time, instant: at.instant.toISOString(), why: at.why }
    },

    async updateEscalationTask(input: { taskId: string; patch: TaskPatch; key: string }): Promise<TaskView> {
      const { acceptedAt, resolvedAt, ...rest } = input.patch
      const now = deps.now()
      return updateTask(
        deps.db,
        input.taskId,
        { ...rest, ...(acceptedAt ? { acceptedAt: now } : {}), ...(resolvedAt ? { resolvedAt: now } : {}) },
        input.key,
      )
    },

    async createCallbackTask(input: {
      taskId: string
      callId: string
      reason: string
      callbackScheduled: string
    }) {
      await insertTask(deps.db, {
        taskId: input.taskId,
        callId: input.callId,
        taskType: 'callback',
        status: 'pending',
        reason: input.reason,
        callbackScheduled: new Date(input.callbackScheduled),
      })
      return updateTask(deps.db, input.taskId, { outcome: 'scheduled' }, `${input.taskId}:scheduled`)
    },
  }
}
