/**
 * 0003_event_log rewrites data, not just schema: a database written by the code before it must come
 * out with the same lines, turns and events, in today's shapes. We build that older database with
 * drizzle's own migrator (0000–0002 only), write rows as the old code did, then run the real migrate.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb, queryRows, TEST_DRIVERS } from '../tests/support/postgres'
import { readCallEvents } from './call-events'
import { migrationsFolder } from './client'

type Handle = Awaited<ReturnType<typeof openTestDb>>
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[]
}

/** The migrations folder as it was before 0003: the same files, the journal cut before its entry. */
function folderBefore0003(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pitcrew-migrations-'))
  cpSync(migrationsFolder, dir, { recursive: true })
  const cut = journal.entries.findIndex((e) => e.tag === '0003_event_log')
  if (cut !== 3) throw new Error(`0003_event_log is entry ${cut} of the journal, expected 3`)
  const trimmed = { ...journal, entries: journal.entries.slice(0, cut) }
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(trimmed))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Drizzle's migrator for the handle's driver, the one db/client.ts runs, on another folder. */
async function migrateFrom(handle: Handle, migrationsFolder: string) {
  const { migrate } =
    handle.driver === 'pglite'
      ? await import('drizzle-orm/pglite/migrator')
      : await import('drizzle-orm/postgres-js/migrator')
  await migrate(handle.db as never, { migrationsFolder })
}

const callId = 'call-before-0003'
const at = '2030-03-04T09:00:00.000Z'
/** The call's own fields: all a `call_updated` may carry. */
const own = {
  callId,
  channel: 'phone',
  startedAt: at,
  currentAgent: 'booking',
  intent: 'book_service',
  confidence: 0.9,
  customer: { phone: '+12175550123', vehicles: [] },
  booking: { status: 'collecting', serviceType: 'Oil Change' },
  turnCount: 1,
}
const task = { taskId: 'task-1', taskType: 'callback', status: 'pending', reason: 'wants a human' }
const phone = { to: '+12175550123', status: 'answered', attempt: 1, maxAttempts: 3 }
const lines = [
  { seq: 1, role: 'agent', text: 'Thanks for calling Springfield Auto.', agent: 'router', at },
  { seq: 2, role: 'user', text: 'I need an oil change', at },
  { seq: 3, role: 'agent', text: 'What day works for you?', agent: 'booking', at },
]
const dialog = { expecting: 'date', offered: [], failedTurns: 0, pendingAction: 'book' }
const compact = { ...own, status: 'active', tasks: [task], phone, dialog }
/** The old log: seq, type, data, dedupe key, as the code before 0003 wrote them. */
const oldEvents: [number, string, unknown, string][] = [
  [1, 'call_status', { status: 'active', phone }, 'open:status'],
  [2, 'transcript', lines[0], 'greeting:transcript'],
  [3, 'transcript', lines[1], 'turn:1:transcript:2'],
  [4, 'transcript', lines[2], 'turn:1:transcript:3'],
  [5, 'task', task, 'turn:1:task:task-1:pending'],
  // The whole call, transcript included: what 0003 turns into a call_updated.
  [6, 'state', { ...compact, transcript: lines }, 'turn:1:state'],
]

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`

async function writeOldRows(handle: Handle) {
  const run = (query: ReturnType<typeof sql>) => handle.db.execute(query)
  await run(sql`insert into calls (id, channel, status, customer_phone, intent, current_agent, turn_count, state, started_at)
    values (${callId}, 'phone', 'active', ${phone.to}, 'book_service', 'booking', 1, ${json(compact)}, ${at})`)
  for (const l of lines) {
    await run(sql`insert into transcript_turns (call_id, seq, role, text, agent, at)
      values (${callId}, ${l.seq}, ${l.role}, ${l.text}, ${l.agent ?? null}, ${at})`)
  }
  await run(sql`insert into call_turns (call_id, turn, author, text, reply, agent, state, effects, duration_ms, at)
    values (${callId}, 1, 'user', ${lines[1]!.text}, ${lines[2]!.text}, 'booking', ${json(compact)},
            ${json({ endCall: false })}, 1234, ${at})`)
  for (const [seq, type, data, key] of oldEvents) {
    await run(sql`insert into call_events (call_id, seq, type, data, dedupe_key, at)
      values (${callId}, ${seq}, ${type}, ${json(data)}, ${key}, ${at})`)
  }
}

/** Columns that migrations after 0003 add (0008's full-text `search`): not this migration's business. */
const LATER_COLUMNS = new Set(['search'])

const rowsOf = async (handle: Handle, table: string, order: string) =>
  (
    await queryRows<Record<string, unknown>>(
      handle.db,
      sql`select * from ${sql.identifier(table)} order by ${sql.identifier(order)}`,
    )
  ).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !LATER_COLUMNS.has(column))))

describe.each(TEST_DRIVERS)('migration 0003_event_log on %s', (driver) => {
  let handle: Handle
  const before: Record<string, Record<string, unknown>[]> = {}

  beforeAll(async () => {
    handle = await openTestDb(driver)
    const old = folderBefore0003()
    try {
      await migrateFrom(handle, old.dir)
    } finally {
      old.cleanup()
    }
    await writeOldRows(handle)
    const tables = { calls: 'id', transcript_turns: 'seq', call_turns: 'turn', call_events: 'seq' }
    for (const [table, order] of Object.entries(tables)) before[table] = await rowsOf(handle, table, order)
    await handle.migrate()
  }, 60_000)
  afterAll(async () => {
    await handle?.dispose()
  })

  it('moves every transcript line to transcript_lines, with the turn that wrote it', async () => {
    const turnOf = [null, 1, 1] // the greeting was said outside any turn
    expect(await rowsOf(handle, 'transcript_lines', 'seq')).toEqual(
      before.transcript_turns!.map((row, i) => ({ ...row, turn: turnOf[i] })),
    )
    const [gone] = await queryRows(handle.db, sql`select to_regclass('public.transcript_turns') as t`)
    expect(gone).toEqual({ t: null })
  })

  it('drops call_turns.state and keeps the rest of the turn, and the calls row', async () => {
    expect(await rowsOf(handle, 'call_turns', 'turn')).toEqual(
      before.call_turns!.map(({ state: _state, ...rest }) => rest),
    )
    expect(await rowsOf(handle, 'calls', 'id')).toEqual(before.calls)
  })

  it('turns the state event into a call_updated of the call’s own fields, at the same seq', async () => {
    const after = await rowsOf(handle, 'call_events', 'seq')
    expect(after.map((e) => e.seq)).toEqual(oldEvents.map(([seq]) => seq))
    // toEqual on data: any key left over (transcript, tasks, status, phone, dialog) fails it.
    expect(after.find((e) => e.seq === 6)).toEqual({
      ...before.call_events![5],
      type: 'call_updated',
      data: own,
    })
    // Every other event is, field for field, what the old code stored.
    expect(after.filter((e) => e.seq !== 6)).toEqual(before.call_events!.filter((e) => e.seq !== 6))
  })

  it('leaves a log that today’s reader parses from its first event', async () => {
    // readCallEvents parses every row with LoggedCallEvent: a leftover `state` row would throw here.
    const events = await readCallEvents(handle.db, callId, 0)
    const types = oldEvents.map(([seq, type]) => [seq, type === 'state' ? 'call_updated' : type])
    expect(events.map((e) => [e.seq, e.type])).toEqual(types)
  })
})
