import { createRoot } from 'solid-js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setApiKey } from '../lib/api-key'
import { FakeEventSource } from '../test/fake-event-source'
import { callState, line } from '../test/fixtures'
import { createCallStore } from './call-store'

function withStore(test: (store: ReturnType<typeof createCallStore>, source: FakeEventSource) => void) {
  createRoot((dispose) => {
    const store = createCallStore('call-1', FakeEventSource.factory)
    test(store, FakeEventSource.latest())
    store.close()
    dispose()
  })
}

describe('createCallStore', () => {
  beforeEach(() => (FakeEventSource.instances = []))
  afterEach(() => setApiKey(''))

  it('opens the call stream at the latest full state', () => {
    withStore((store, source) => {
      expect(source.url).toBe('/api/calls/call-1/events?replay=latest')
      expect(store.call()).toBeNull()
      expect(store.connection()).toBe('connecting')
      source.open()
      expect(store.connection()).toBe('live')
    })
  })

  it('applies state, transcript, task and call_status events in order, each once', () => {
    withStore((store, source) => {
      source.emit('state', callState({ transcript: [line(1, 'user', 'hi')] }), '5')
      source.emit('transcript', line(2, 'agent', 'Hello!', 'response'), '6')
      source.emit('transcript', line(2, 'agent', 'Hello!', 'response'), '6') // replayed: ignored
      expect(store.call()?.transcript.map((l) => l.seq)).toEqual([1, 2])

      source.emit('task', { taskId: 't1', taskType: 'escalation', status: 'pending' }, '7')
      source.emit(
        'task',
        { taskId: 't1', taskType: 'escalation', status: 'running', humanAgentName: 'Ann' },
        '8',
      )
      expect(store.call()?.tasks).toEqual([
        { taskId: 't1', taskType: 'escalation', status: 'running', humanAgentName: 'Ann' },
      ])

      source.emit('call_status', { status: 'ended' }, '9')
      expect(store.call()?.status).toBe('ended')
    })
  })

  it('applies call_updated deltas: only the fields they carry change', () => {
    withStore((store, source) => {
      source.emit('state', callState({ transcript: [line(1, 'user', 'hi')] }), '5')
      source.emit(
        'call_updated',
        { currentAgent: 'booking', intent: 'book_service', turnCount: 1, booking: { status: 'collecting' } },
        '6',
      )
      expect(store.call()).toMatchObject({ currentAgent: 'booking', intent: 'book_service', turnCount: 1 })
      expect(store.call()?.transcript.map((l) => l.seq)).toEqual([1])
      expect(store.call()?.channel).toBe('chat')
    })
  })

  it("follows a phone call's dialing from call_status events, and the agent's voice activity", () => {
    withStore((store, source) => {
      source.emit('state', callState({ channel: 'phone' }), '1')
      const phone = {
        to: '+12175550101',
        status: 'busy',
        attempt: 1,
        maxAttempts: 3,
        detail: 'busy (SIP 486)',
      }
      source.emit('call_status', { status: 'active', phone }, '2')
      expect(store.call()?.phone).toEqual(phone)
      source.emit('call_status', { status: 'ended' }, '3')
      expect(store.call()?.phone).toEqual(phone)
      expect(store.activity()).toBeNull()
      source.emit('agent_state', { state: 'speaking' }, '4')
      expect(store.activity()).toBe('speaking')
    })
  })

  it('keeps transcript rows that a new state did not change (same objects, no re-render)', () => {
    withStore((store, source) => {
      source.emit('state', callState({ transcript: [line(1, 'user', 'hi')] }), '1')
      const first = store.call()!.transcript[0]
      source.emit(
        'state',
        callState({ turnCount: 1, transcript: [line(1, 'user', 'hi'), line(2, 'agent', 'yo')] }),
        '2',
      )
      expect(store.call()!.transcript[0]).toBe(first)
      expect(store.call()!.transcript).toHaveLength(2)
      expect(store.call()!.turnCount).toBe(1)
    })
  })

  it('ignores lines before the first state, which will contain them', () => {
    withStore((store, source) => {
      source.emit('transcript', line(1, 'user', 'hi'), '1')
      expect(store.call()).toBeNull()
    })
  })

  it('shows a drop, and after the browser gave up resumes from the last event id with the API key', () => {
    setApiKey('s3cret')
    withStore((store, source) => {
      source.open()
      source.emit('state', callState(), '41')
      source.fail(false)
      expect(store.connection()).toBe('reconnecting')
      source.fail(true)
      expect(store.connection()).toBe('closed')
      store.reconnect()
      expect(FakeEventSource.latest().url).toBe(
        '/api/calls/call-1/events?replay=latest&lastEventId=41&access_token=s3cret',
      )
      expect(source.readyState).toBe(2)
    })
  })
})
