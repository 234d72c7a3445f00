/** GET /api/analytics: totals and a series over a range of the dealership's local days. */
import { Hono } from 'hono'
import { z } from 'zod'
import { analytics } from '../../db/analytics'
import { AnalyticsGroupBy, DEFAULT_ANALYTICS_DAYS, MAX_ANALYTICS_DAYS } from '../../domain/analytics'
import { Channel } from '../../domain/call-state'
import { addDays, localDateTime } from '../../domain/time'
import { AgentIdQuery, LocalDateQuery, refineDateRange } from '../call-filter-query'
import type { AppEnv } from '../context'
import { badRequest } from '../errors'
import type { Operation } from '../openapi'
import { validate } from '../validate'

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1

const AnalyticsQuery = z
  .strictObject({
    from: LocalDateQuery.optional(),
    to: LocalDateQuery.optional(),
    groupBy: AnalyticsGroupBy.default('day'),
    channel: Channel.optional(),
    agentId: AgentIdQuery.optional(),
  })
  .superRefine(refineDateRange)

export const analyticsOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/analytics',
    summary: `Call totals and a series grouped by day, hour, channel, outcome, intent or agent, over local days from..to (both included; default the last ${DEFAULT_ANALYTICS_DAYS} days, at most ${MAX_ANALYTICS_DAYS})`,
    tag: 'analytics',
    query: AnalyticsQuery,
    responses: {
      200: '{from, to, timeZone, groupBy, totals, series: [{key, ...metrics}]} (docs/api.md defines each figure)',
      400: 'Invalid date, from after to, a range over the limit, or an unknown groupBy/channel',
    },
  },
]

export const analyticsRoutes = new Hono<AppEnv>().get('/', validate('query', AnalyticsQuery), async (c) => {
  const q = c.req.valid('query')
  const { db, dealershipTimeZone, now } = c.var.deps
  // A missing end is today; a missing start is the default span before the end (or before today).
  const today = localDateTime(now?.() ?? new Date(), dealershipTimeZone).date
  const to = q.to ?? (q.from && q.from > today ? q.from : today)
  const from = q.from ?? addDays(to, -(DEFAULT_ANALYTICS_DAYS - 1))
  const days = daysBetween(from, to)
  if (days > MAX_ANALYTICS_DAYS) {
    throw badRequest(`The range ${from}..${to} has ${days} days; at most ${MAX_ANALYTICS_DAYS} are allowed`, [
      { path: q.to ? 'to' : 'from', message: `makes a range over ${MAX_ANALYTICS_DAYS} days` },
    ])
  }
  return c.json(await analytics(db, dealershipTimeZone, { ...q, from, to }))
})
