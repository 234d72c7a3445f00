/**
 * GET /api/calls filters and ranked transcript search, and GET /api/calls/export.csv, on rows this test
 * writes into a database of its own. The CSV is read back with csv-parse and compared with the API's
 * rows, including names a careless export would break or a spreadsheet would run.
 */
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallOutcome } from '../domain/call-analysis'
import { CHANNELS } from '../domain/call-state'
import { createTestApi, errorCode } from './support/api'
import { insertCallRows, type CallRowSpec } from './support/call-rows'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

let database: TestDatabase
let api: Awaited<ReturnType<typeof createTestApi>>

const TRICKY_NAME = 'Smith, "Jo"\nDoe'
const FORMULA_NAME = '=HYPERLINK("http://x","y")'
const special: CallRowSpec[] = [
  {
    callId: 'call-s-rotor-once',
    channel: 'phone',
    status: 'ended',
    startedAt: '2031-05-02T15:00:00Z',
    customerName: TRICKY_NAME,
    customerPhone: '+12175550111',
    intent: 'escalation',
    lines: ['Hello, my brake rotor warranty claim was denied last week.', 'I am sorry to hear that.'],
    analysis: {
      outcome: 'escalated',
      sentiment: 'negative',
      score: -0.6,
      durationSeconds: 200,
      wantedBooking: false,
      keywords: [{ keyword: 'warranty', count: 1, turns: [1] }],
      summary: 'Warranty claim, handed to a person.',
    },
  },
  {
    callId: 'call-s-rotor-twice',
    channel: 'chat',
    status: 'ended',
    startedAt: '2031-05-03T15:00:00Z',
    customerName: FORMULA_NAME,
    customerPhone: '+12175550122',
    intent: 'book_service',
    lines: [
      'Is the brake rotor warranty still valid? The brake rotor warranty says two years.',
      'Yes, it is.',
      'Then book me in for the brake rotor warranty work.',
    ],
    analysis: {
      outcome: 'booked',
      sentiment: 'positive',
      score: 0.7,
      durationSeconds: 300,
      wantedBooking: true,
      summary: '+cmd|calc booked',
    },
  },
  {
    callId: 'call-s-script',
    channel: 'web',
    status: 'ended',
    startedAt: '2031-05-03T16:00:00Z',
    customerName: '@SUM(1+1)',
    customerPhone: '+12175550199',
    lines: ['<script>alert(1)</script> I need an oil change & a tire rotation'],
  },
  {
    callId: 'call-s-agent',
    channel: 'chat',
    status: 'active',
    startedAt: '2031-05-04T16:00:00Z',
    customerName: '-2+3',
    agentId: 'agent-x',
    lines: ['\tleading tab'],
  },
]

/** Filler calls for paging and batching: three at a time share one microsecond-precise start. */
const filler: CallRowSpec[] = Array.from({ length: 2400 }, (_, i) => {
  const base = Date.parse('2031-04-01T00:00:00Z') + Math.floor(i / 3) * 3_600_000
  const micros = String(100 + (Math.floor(i / 3) % 7)).padStart(3, '0')
  const outcomes: CallOutcome[] = ['booked', 'answered', 'abandoned']
  return {
    callId: `call-f-${String(i).padStart(4, '0')}`,
    channel: CHANNELS[i % 3]!,
    status: 'ended' as const,
    startedAt: new Date(base).toISOString().replace('Z', `${micros}Z`),
    customerName: `Filler ${i}`,
    lines: [`routine question number ${i}`],
    analysis:
      i % 4 === 0
        ? undefined
        : {
            outcome: outcomes[i % 3]!,
            sentiment: (['negative', 'neutral', 'positive'] as const)[(i % 5) % 3]!,
            score: 0,
            durationSeconds: i % 600,
            wantedBooking: i % 2 === 0,
          },
  }
})
const all = [...special, ...filler]

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_search')
  api = await createTestApi({ databaseUrl: database.url })
  await insertCallRows(api.db, all)
}, 300_000)
afterAll(async () => {
  await api?.close()
  await database?.drop()
})

/** Every item of a listing, following nextCursor. */
async function listAll(query: string, limit = 100) {
  const items: Record<string, unknown>[] = []
  let cursor: string | null = null
  let total = -1
  do {
    const res = await api.call(`/api/calls?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    items.push(...res.body.items)
    total = res.body.total
    cursor = res.body.nextCursor
  } while (cursor)
  return { items, total }
}

const idsOf = (items: { callId?: unknown }[]) => items.map((i) => i.callId)

describe('GET /api/calls search', () => {
  it('finds a phrase said in a transcript, ranks the call that says it more first, with a highlighted snippet', async () => {
    const res = await api.call(`/api/calls?q=${encodeURIComponent('"brake rotor warranty"')}`)
    expect(res.status).toBe(200)
    expect(idsOf(res.body.items)).toEqual(['call-s-rotor-twice', 'call-s-rotor-once'])
    expect(res.body.total).toBe(2)
    const [first, second] = res.body.items
    expect(first.rank).toBeGreaterThan(second.rank)
    expect(first.hit.snippet).toContain('<mark>brake</mark> <mark>rotor</mark> <mark>warranty</mark>')
    expect(second.hit).toEqual({
      seq: 1,
      snippet: expect.stringContaining(
        'my <mark>brake</mark> <mark>rotor</mark> <mark>warranty</mark> claim',
      ),
    })
    expect(first).toMatchObject({ outcome: 'booked', sentiment: 'positive', sentimentScore: 0.7 })
    // The words apart are not the phrase.
    const apart = await api.call(`/api/calls?q=${encodeURIComponent('"rotor brake"')}`)
    expect(apart.body.items).toEqual([])
  })

  it('escapes the transcript in snippets, so only the marks are markup', async () => {
    const res = await api.call('/api/calls?q=oil+change')
    expect(idsOf(res.body.items)).toEqual(['call-s-script'])
    const { snippet } = res.body.items[0].hit
    expect(snippet).toContain('script&gt;alert(1)&lt;/script&gt;')
    expect(snippet).toContain('<mark>oil</mark> <mark>change</mark> &amp;')
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })

  it('matches a phone however it is written, a name or its start, and a call id, above transcript hits', async () => {
    for (const [q, id] of [
      ['(217) 555-0199', 'call-s-script'],
      ['5550199', 'call-s-script'],
      ['smi', 'call-s-rotor-once'],
      ['Smith', 'call-s-rotor-once'],
      ['call-s-rotor-twice', 'call-s-rotor-twice'],
    ] as const) {
      const res = await api.call(`/api/calls?q=${encodeURIComponent(q)}`)
      expect(idsOf(res.body.items), q).toEqual([id])
      expect(res.body.items[0].rank).toBeGreaterThanOrEqual(1)
    }
  })

  it('pages ranked hits with the cursor, every hit once', async () => {
    const { items, total } = await listAll('q=routine+question', 70)
    expect(total).toBe(filler.length)
    expect(new Set(idsOf(items)).size).toBe(filler.length)
  })
})

describe('GET /api/calls filters', () => {
  it('pages through every call once, newest first, with a true total, even with equal start times', async () => {
    const { items, total } = await listAll('from=2031-01-01', 97)
    expect(total).toBe(all.length)
    // Newest first, ties by id: compare starts at microsecond precision ("…:00Z" is "…:00.000000Z").
    const key = (iso: string) =>
      iso.replace(/(\.\d+)?Z$/, (f) => (f.length > 1 ? f.slice(0, -1) : '.').padEnd(7, '0') + 'Z')
    const expected = [...all]
      .sort((a, b) => key(b.startedAt).localeCompare(key(a.startedAt)) || (a.callId < b.callId ? 1 : -1))
      .map((s) => s.callId)
    expect(idsOf(items)).toEqual(expected)
  })

  it('combines from, to, channel, outcome, sentiment, hour and intent', async () => {
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', dateStyle: 'short' }).format(
        new Date(iso),
      )
    const hourOf = (iso: string) =>
      Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/Chicago',
          hour: 'numeric',
          hourCycle: 'h23',
        }).format(new Date(iso)),
      )
    const cases: [string, (s: CallRowSpec) => boolean][] = [
      [
        'from=2031-04-10&to=2031-04-20&channel=web',
        (s) =>
          local(s.startedAt) >= '2031-04-10' && local(s.startedAt) <= '2031-04-20' && s.channel === 'web',
      ],
      [
        'outcome=booked&sentiment=neutral',
        (s) => s.analysis?.outcome === 'booked' && s.analysis.sentiment === 'neutral',
      ],
      [
        'from=2031-04-05&to=2031-04-05&hour=7&channel=chat',
        (s) => local(s.startedAt) === '2031-04-05' && hourOf(s.startedAt) === 7 && s.channel === 'chat',
      ],
      [
        'intent=book_service&outcome=booked',
        (s) => s.intent === 'book_service' && s.analysis?.outcome === 'booked',
      ],
      ['status=active', (s) => s.status === 'active'],
      ['agentId=agent-x', (s) => s.agentId === 'agent-x'],
      ['agentId=nobody', () => false],
      [
        'q=routine&channel=phone&outcome=abandoned',
        (s) => s.callId.startsWith('call-f') && s.channel === 'phone' && s.analysis?.outcome === 'abandoned',
      ],
    ]
    for (const [query, keep] of cases) {
      const { items, total } = await listAll(query)
      const expected = all
        .filter(keep)
        .map((s) => s.callId)
        .sort()
      expect(expected.length, `${query} selects something to check`).toBeGreaterThan(
        query.includes('nobody') ? -1 : 0,
      )
      expect([...idsOf(items)].sort(), query).toEqual(expected)
      expect(total, query).toBe(expected.length)
    }
  })

  it('refuses bad values of every filter with 400 JSON', async () => {
    for (const query of [
      'from=2031-13-01',
      'to=tomorrow',
      'from=2031-05-02&to=2031-05-01',
      'channel=fax',
      'outcome=won',
      'sentiment=angry',
      'intent=chitchat',
      'hour=24',
      'hour=-1',
      'hour=noon',
      'agentId=../x',
      'q=',
      `q=${'x'.repeat(201)}`,
      'cursor=' + Buffer.from('offset|-5').toString('base64url'),
      'cursor=' + Buffer.from('2031-05-02T15:00:00.1234Z|call-x').toString('base64url'),
    ]) {
      for (const path of ['/api/calls', '/api/calls/export.csv']) {
        if (path.endsWith('.csv') && query.startsWith('cursor')) continue
        const res = await api.call(`${path}?${query}`)
        expect(res.status, `${path}?${query}`).toBe(400)
        expect(errorCode(res.body)).toBe('invalid_request')
      }
    }
  })
})

describe('GET /api/calls/export.csv', () => {
  const csvOf = async (query: string) => {
    const res = await api.app.request(`/api/calls/export.csv?${query}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="calls.*\.csv"$/)
    const text = await res.text()
    return { text, rows: parse(text, { columns: true, relax_quotes: false }) as Record<string, string>[] }
  }

  it('parses back to the API rows, names with commas, quotes, newlines and formulas intact and defused', async () => {
    const { text, rows } = await csvOf('from=2031-05-01&to=2031-05-31')
    const { items } = await listAll('from=2031-05-01&to=2031-05-31')
    expect(rows.map((r) => r.callId)).toEqual(idsOf(items))
    for (const [i, item] of items.entries()) {
      const row = rows[i]!
      const name = item.customerName as string | null
      const expectedName = name === null ? '' : /^[=+\-@\t\r]/.test(name) ? `'${name}` : name
      expect(row.customerName).toBe(expectedName)
      expect(row.channel).toBe(item.channel)
      expect(row.status).toBe(item.status)
      expect(row.customerPhone).toBe(item.customerPhone ?? '')
      expect(row.outcome).toBe(item.outcome ?? '')
      expect(row.sentiment).toBe(item.sentiment ?? '')
      expect(row.sentimentScore).toBe(item.sentimentScore === null ? '' : String(item.sentimentScore))
      expect(row.startedAt).toBe(item.startedAt)
    }
    const byId = Object.fromEntries(rows.map((r) => [r.callId, r]))
    expect(byId['call-s-rotor-once']).toMatchObject({
      customerName: TRICKY_NAME,
      keywords: 'warranty:1',
      summary: 'Warranty claim, handed to a person.',
      durationSeconds: '200',
      wantedBooking: 'false',
      customerPhone: '+12175550111',
    })
    expect(byId['call-s-rotor-twice']).toMatchObject({
      customerName: `'${FORMULA_NAME}`,
      summary: "'+cmd|calc booked",
      outcome: 'booked',
      wantedBooking: 'true',
    })
    expect(byId['call-s-script']!.customerName).toBe("'@SUM(1+1)")
    expect(byId['call-s-agent']!.customerName).toBe("'-2+3")
    // RFC 4180: CRLF between records; the quoted name keeps its own bare newline.
    expect(text.startsWith('callId,startedAt,endedAt,channel,status,customerName,')).toBe(true)
    expect(text).toContain('"Smith, ""Jo""\nDoe"')
    expect(text.split('\r\n').length).toBeGreaterThan(rows.length)
  })

  it('streams every call of a large filter once, in the list order, across its read batches', async () => {
    const { rows } = await csvOf('from=2031-03-01&to=2031-05-31')
    const { items } = await listAll('from=2031-03-01&to=2031-05-31')
    expect(rows).toHaveLength(all.length)
    expect(rows.map((r) => r.callId)).toEqual(idsOf(items))
  })

  it('takes the same filters as the list', async () => {
    const query = 'q=warranty&outcome=booked'
    const { rows } = await csvOf(query)
    const { items } = await listAll(query)
    expect(rows.map((r) => r.callId)).toEqual(['call-s-rotor-twice'])
    expect(idsOf(items)).toEqual(['call-s-rotor-twice'])
  })
})
