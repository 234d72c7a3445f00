import { createMemo, createSignal, onCleanup, onMount, Show, useContext } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { config, workflowUrl } from '../lib/config'
import { EventSourceContext } from '../lib/event-stream'
import { CHANNEL_LABELS, formatDateTime, shortId } from '../lib/format'
import { createCallStore } from '../stores/call-store'
import { useEscalationQueue } from '../stores/escalation-queue'
import { useCallVoice } from '../stores/voice-session'
import type { Task, VoiceMessage, VoiceMessageResult } from '../lib/types'
import { AgentPipeline } from './agent-pipeline'
import { BookingCard } from './booking-card'
import { CallAnalysisPanel } from './call-analysis'
import { ConnectionIndicator } from './connection-indicator'
import { CustomerCard } from './customer-card'
import { MessageComposer } from './message-composer'
import { PhoneStatus } from './phone-status'
import { Recordings } from './recordings'
import { TaskList } from './task-list'
import { Transcript } from './transcript'
import { VoiceControls } from './voice-controls'
import { ErrorAlert } from './error-alert'

const STATUS_LABELS = { active: 'Active', escalated: 'With a person', ended: 'Ended' } as const

/** A key for one send: the API runs a repeated key once (crypto.randomUUID needs a secure origin). */
const idempotencyKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `msg-${Date.now()}-${Math.random().toString(36).slice(2)}`

/**
 * The live console of one call: transcript, pipeline, booking, customer and tasks; for voice calls
 * the call's audio (as the caller or listening in), the phone leg and the recordings.
 */
export function CallConsole(props: { callId: string }) {
  const store = createCallStore(props.callId, useContext(EventSourceContext))
  onCleanup(store.close)
  const ended = () => store.call()?.status === 'ended'
  const isVoice = () => store.call()?.channel !== undefined && store.call()?.channel !== 'chat'
  const voice = useCallVoice(props.callId, ended)
  const queue = useEscalationQueue()
  /** The message on its way, shown until its transcript line arrives on the stream. */
  const [pending, setPending] = createSignal<{ text: string; afterSeq: number } | null>(null)
  const pendingText = () => {
    const p = pending()
    const arrived = store
      .call()
      ?.transcript.some((l) => l.seq > (p?.afterSeq ?? 0) && l.role !== 'agent' && l.text === p?.text)
    return p && !arrived ? p.text : null
  }
  const [error, setError] = createSignal<string | null>(null)

  /** The task this browser's human agent is working on here: then they speak, not the customer. */
  const myTask = createMemo(() => {
    const me = queue.me()
    return store.call()?.tasks.find((t) => t.status === 'running' && me && t.humanAgentName === me.name)
  })

  /** A message was sent and the crew has not answered it yet. */
  const crewWorking = () => {
    const p = pending()
    return !!p && !store.call()?.transcript.some((l) => l.seq > p.afterSeq && l.role === 'agent')
  }

  const send = async (text: string) => {
    setError(null)
    setPending({ text, afterSeq: store.call()?.transcript.at(-1)?.seq ?? 0 })
    const me = queue.me()
    const asHuman = myTask() && me ? { author: 'human', humanAgentId: me.id } : {}
    try {
      await api(`/api/calls/${encodeURIComponent(props.callId)}/messages`, {
        body: { text, idempotencyKey: idempotencyKey(), ...asHuman },
      })
      return true
    } catch (err) {
      setError(errorMessage(err))
      return false
    } finally {
      setPending(null)
    }
  }

  /** The call's voice messages, so the transcript can play both sides of each. */
  const [voiceMessages, setVoiceMessages] = createSignal<VoiceMessage[]>([])
  const voiceMessagesUrl = `/api/calls/${encodeURIComponent(props.callId)}/voice-messages`
  onMount(() => {
    api<{ items: VoiceMessage[] }>(voiceMessagesUrl).then(
      (list) => setVoiceMessages(list.items),
      () => undefined, // the transcript still shows; only the players are missing
    )
  })

  const sendVoice = async (audio: Blob) => {
    setError(null)
    setPending({ text: 'Voice message…', afterSeq: store.call()?.transcript.at(-1)?.seq ?? 0 })
    try {
      await api<VoiceMessageResult>(voiceMessagesUrl, {
        blob: audio,
        headers: { 'idempotency-key': idempotencyKey() },
      })
      const list = await api<{ items: VoiceMessage[] }>(voiceMessagesUrl)
      setVoiceMessages(list.items)
      return true
    } catch (err) {
      setError(`The voice message was not taken: ${errorMessage(err)}`)
      return false
    } finally {
      setPending(null)
    }
  }

  const act = async (path: string, body: unknown = {}) => {
    setError(null)
    try {
      await api(path, { body })
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  /**
   * Ends the call for everyone. Whoever is in its room here (caller or listener) leaves first: the
   * call's end closes the room, and a connection the server cuts makes livekit-client log errors.
   */
  const endCall = async () => {
    if (voice.role() !== null) await voice.leave()
    await act(`/api/calls/${encodeURIComponent(props.callId)}/end`)
  }

  const taskActions = (task: Task) => (
    <Show when={myTask()?.taskId === task.taskId}>
      <button
        type="button"
        class="button button--small"
        onClick={() => act(`/api/escalations/${encodeURIComponent(task.taskId)}/resolve`)}
      >
        Resolve and hand back to the crew
      </button>
    </Show>
  )

  return (
    <div class="console">
      <header class="console__head">
        <div>
          <h1 class="page-title">
            Call <span class="mono">{shortId(props.callId)}</span>
          </h1>
          <Show when={store.call()}>
            {(call) => (
              <p class="subtitle">
                <span class="pill" data-tone={call().status} data-testid="call-status">
                  {STATUS_LABELS[call().status]}
                </span>
                {CHANNEL_LABELS[call().channel]} · started {formatDateTime(call().startedAt)} ·{' '}
                {call().turnCount} turns
              </p>
            )}
          </Show>
        </div>
        <div class="console__actions">
          <ConnectionIndicator status={store.connection()} onRetry={store.reconnect} />
          <Show when={workflowUrl(config(), props.callId)}>
            {(url) => (
              <a class="button button--small" href={url()} target="_blank" rel="noreferrer">
                Workflow in Temporal ↗
              </a>
            )}
          </Show>
          <Show when={store.call() && store.call()!.status !== 'ended'}>
            <button type="button" class="button button--small button--danger" onClick={endCall}>
              End call
            </button>
          </Show>
        </div>
      </header>
      <ErrorAlert message={error()} />
      <Show
        when={store.call()}
        fallback={
          <Show when={store.connection() === 'closed'} fallback={<p class="loading">Loading the call…</p>}>
            <p class="alert" role="alert">
              The call could not be loaded. It may not exist, or the API needs a key (top right).
            </p>
          </Show>
        }
      >
        {(call) => (
          <div class="console__grid">
            <section class="panel console__conversation" aria-labelledby="conversation-title">
              <h2 id="conversation-title" class="panel__title">
                Conversation
              </h2>
              <Transcript lines={call().transcript} pending={pendingText()} voiceMessages={voiceMessages()} />
              <MessageComposer
                label={myTask() ? `Reply as ${queue.me()?.name} (staff)` : 'Message as the customer'}
                disabled={call().status === 'ended'}
                disabledReason="This call has ended: the console is read-only."
                onSend={send}
                onSendVoice={myTask() ? undefined : sendVoice}
              />
            </section>
            <div class="console__side">
              <Show when={isVoice()}>
                <VoiceControls session={voice} call={call()} activity={store.activity()} />
              </Show>
              <Show when={call().phone}>{(phone) => <PhoneStatus phone={phone()} />}</Show>
              <AgentPipeline
                current={call().currentAgent}
                intent={call().intent}
                confidence={call().confidence}
                thinking={crewWorking() || store.activity() === 'thinking'}
                toolCalls={store.toolCalls()}
              />
              <BookingCard booking={call().booking} />
            </div>
            <div class="console__side">
              <CallAnalysisPanel callId={props.callId} ended={ended()} lines={call().transcript} />
              <CustomerCard customer={call().customer} />
              <TaskList tasks={call().tasks} actions={taskActions} />
              <Show when={isVoice()}>
                <Recordings callId={props.callId} ended={ended()} />
              </Show>
            </div>
          </div>
        )}
      </Show>
    </div>
  )
}
