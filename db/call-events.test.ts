import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { appendCallEvents, readCallEvents } from './call-events'
import { createCallEventFeed } from './call-event-feed'
import { callEvents, calls } from './schema'

const at = '2030-01-01T00:00:00.000Z'
const line = (seq: number) => ({
  type: 'transcript' as const,
  data: { seq, role: 'user' as const, text: 'hi', at },
})
const task = (taskId: string) => ({
  type: 'task' as const,
  data: { taskId, taskType: 'callback' as const, status: 'pending' as const },
})

describe.each(TEST_DRIVERS)('call_events on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>
  let n = 0
  const newCall = async () => {
    const id = `call-log-${driver}-${++n}`
    await handle.db.insert(calls).values({ id, channel: 'chat' })
    return id
  }
  const seqs = async (callId: string) =>
    (
      await handle.db
        .select({ seq: callEvents.seq })
        .from(callEvents)
        .where(eq(callEvents.callId, callId))
        .orderBy(asc(callEvents.seq))
    ).map((r) => r.seq)

  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
  })
  afterAll(() => handle?.dispose())

  it('numbers each call from 1, and a dedupeKey seen before is not written again', async () => {
    const [a, b] = [await newCall(), await newCall()]
    const first = await appendCallEvents(handle.db, a, [
      { type: 'call_status', data: { status: 'active' }, dedupeKey: 'open' },
      line(1),
    ])
    expect(first.map((e) => [e.seq, e.type])).toEqual([
      [1, 'call_status'],
      [2, 'transcript'],
    ])
    expect(first[0]!.at).toBeInstanceOf(Date)
    expect((await appendCallEvents(handle.db, b, [task('t1')]))[0]!.seq).toBe(1)

    // A retried activity: the keyed event comes back as stored; only the new ones are written.
    const retry = await appendCallEvents(handle.db, a, [
      { type: 'call_status', data: { status: 'ended' }, dedupeKey: 'open' },
      { type: 'agent_state', data: { state: 'speaking' }, dedupeKey: 'turn-1' },
      { type: 'agent_state', data: { state: 'speaking' }, dedupeKey: 'turn-1' },
      line(2),
    ])
    expect(retry.map((e) => e.seq)).toEqual([1, 3, 3, 4])
    expect(retry[0]!.data).toEqual({ status: 'active' })
    expect(await seqs(a)).toEqual([1, 2, 3, 4])
    expect(await appendCallEvents(handle.db, a, [{ ...task('t2'), dedupeKey: 'turn-1' }])).toEqual([retry[1]])
    expect(await appendCallEvents(handle.db, a, [])).toEqual([])
  })

  it('joins a caller transaction: a rollback leaves no gap, a commit notifies once', async () => {
    const callId = await newCall()
    const feed = createCallEventFeed(handle)
    await feed.ready
    let notified = 0
    const unsubscribe = feed.subscribe(callId, () => notified++)
    await expect(
      handle.db.transaction(async (tx) => {
        await appendCallEvents(tx, callId, [line(1)])
        throw new Error('the turn failed')
      }),
    ).rejects.toThrow('the turn failed')
    expect(await seqs(callId)).toEqual([])

    const stored = await handle.db.transaction(async (tx) => {
      const rows = await appendCallEvents(tx, callId, [line(1)])
      await new Promise((r) => setTimeout(r, 50))
      expect(notified).toBe(0) // not before the commit
      return rows
    })
    expect(stored[0]!.seq).toBe(1)
    await expect.poll(() => notified).toBe(1)
    unsubscribe()
    expect(feed.subscriberCount()).toBe(0)
    await feed.close()
  })

  it('keeps seqs gapless under 4 concurrent writers and reads them back in pages', async () => {
    const callId = await newCall()
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = 0; i < 25; i++) {
          await appendCallEvents(handle.db, callId, [{ ...task(`${w}:${i}`), dedupeKey: `${w}:${i}` }])
        }
      }),
    )
    const expected = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(await seqs(callId)).toEqual(expected)
    const page1 = await readCallEvents(handle.db, callId, 0, 60)
    const page2 = await readCallEvents(handle.db, callId, page1.at(-1)!.seq, 60)
    expect([...page1, ...page2].map((e) => e.seq)).toEqual(expected)
    expect(await readCallEvents(handle.db, callId, 100)).toEqual([])
  })
})
