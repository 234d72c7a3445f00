/**
 * (d) LLM phrasing against a FAKE OpenAI-compatible server (tests/support/fake-openai-server.ts): a
 * rewrite is spoken only when it keeps every number and time of the crew's reply.
 */
import { pino } from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { newCallState } from '../../domain/call-state'
import * as fake from '../../tests/support/fake-openai-server'
import { createChatModel, createLlmPhrase, rewriteProblem } from '.'

const REPLY =
  "You're booked for a Diagnostic on Tuesday, June 4 at 9:30 AM. Your confirmation number is 1042."
const call = newCallState({ callId: 'call-phrase', channel: 'chat', startedAt: '2030-06-03T14:00:00Z' })
const log = pino({ level: 'silent' })

let server: fake.FakeOpenAiServer
beforeAll(async () => (server = await fake.startFakeOpenAiServer()))
afterAll(() => server?.close())
beforeEach(() => server.reset())

const phrase = (timeoutMs = 300) =>
  createLlmPhrase({
    chat: createChatModel({ baseUrl: server.baseUrl })!,
    dealershipName: 'Springfield Auto',
    log,
    timeoutMs,
  })

describe('(d) LLM phrasing keeps the facts', () => {
  it('uses a rewrite that keeps every number and time', async () => {
    const good = 'All set! Your Diagnostic is on Tuesday, June 4 at 9:30 AM, confirmation number 1042.'
    server.respond(fake.content(`"${good}"`))
    const recent = [{ seq: 1, role: 'user' as const, text: 'book me for the 9:30', at: '' }]
    expect(await phrase()(REPLY, call, recent, 'yes please book it')).toBe(good)
    const req = server.requests[0]!
    expect(req.structured).toBe(false)
    expect(req.prompt).toContain('phone voice of Springfield Auto')
    expect(req.prompt).toContain('Keep every fact exactly')
    expect(req.prompt).toContain(JSON.stringify(REPLY))
    expect(req.prompt).toContain('The caller just said: "yes please book it"')
    expect(req.prompt).toContain('Caller: book me for the 9:30')
  })

  it('rejects a rewrite that drops the time, adds a number, is empty or too long', async () => {
    const bad = [
      'All set for Tuesday, June 4! Confirmation 1042.',
      'Booked June 4 at 9:30, confirmation 1042, that is $89.',
      '',
      'Booked. '.repeat(100),
    ]
    for (const rewrite of bad) {
      server.respond(fake.content(rewrite))
      expect(await phrase()(REPLY, call, [], 'yes'), rewrite).toBe(REPLY)
    }
    expect(server.requests).toHaveLength(bad.length)
  })

  it('keeps the original on an error or a timeout', async () => {
    server.respond(fake.httpError(503))
    expect(await phrase()(REPLY, call, [], 'yes')).toBe(REPLY)
    server.respond(fake.delayed(3_000, fake.content('too late 9:30 1042 4')))
    const started = performance.now()
    expect(await phrase()(REPLY, call, [], 'yes')).toBe(REPLY)
    expect(performance.now() - started).toBeLessThan(1_500)
  })
})

describe('rewriteProblem', () => {
  it('names what a rewrite lost or added, and accepts other spellings of the same numbers', () => {
    expect(rewriteProblem(REPLY, 'All set for Tuesday, June 4! Confirmation 1042.')).toBe('rewrite lost 9:30')
    expect(rewriteProblem('It is $1,250.', 'That comes to $1250, or $99 a month.')).toBe('rewrite added 99')
    expect(rewriteProblem('Call us at (217) 555-0100.', 'You can reach us at 217-555-0100.')).toBeNull()
    expect(
      rewriteProblem('We open at 9:00 AM on June 4th.', 'On the 4th of June we open at 9:00 in the morning.'),
    ).toBeNull()
    expect(rewriteProblem('Hi!', '')).toBe('empty rewrite')
  })
})

describe('the fake server', () => {
  it('answers 404 JSON for other paths', async () => {
    const res = await fetch(server.baseUrl.replace('/v1', '/v1/models'))
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('no route') } })
  })
})
