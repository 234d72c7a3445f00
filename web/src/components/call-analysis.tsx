/**
 * The post-call analysis of an ended call (GET /api/calls/:id/analysis): the outcome with links to
 * the turns that show it and the appointment or task it made, sentiment with its lowest turn,
 * keywords and top terms, the summary, and duration, talk time and interruptions. While the call's
 * workflow is still analysing it (202 pending) the panel asks again every few seconds, a few times:
 * no event announces the analysis. "Analyse again" re-runs it (POST).
 */
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { formatDateTime, formatDuration, OUTCOME_LABELS } from '../lib/format'
import type { CallAnalysis, TranscriptEntry } from '../lib/types'
import { ErrorAlert } from './error-alert'

const OUTCOME_TONES: Record<CallAnalysis['outcome'], string> = {
  booked: 'confirmed',
  rescheduled: 'confirmed',
  cancelled: 'cancelled',
  answered: 'completed',
  escalated: 'escalated',
  callback_scheduled: 'pending',
  abandoned: 'failed',
  not_reached: 'failed',
}
const SENTIMENT_TONES = { positive: 'completed', neutral: 'neutral', negative: 'failed' } as const

/** A finding, or null when the call was too short to judge ('insufficient'). */
const judged = <T,>(value: T | 'insufficient'): T | null => (value === 'insufficient' ? null : value)

const RETRY_MS = 2_000
const MAX_RETRIES = 30

export function CallAnalysisPanel(props: { callId: string; ended: boolean; lines: TranscriptEntry[] }) {
  const [analysis, setAnalysis] = createSignal<CallAnalysis | null>(null)
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))
  const path = () => `/api/calls/${encodeURIComponent(props.callId)}/analysis`

  const load = async (tries = 0, after?: string) => {
    clearTimeout(timer)
    try {
      const body = await api<CallAnalysis | { status: 'pending' }>(path())
      const fresh = 'outcome' in body && body.analyzedAt !== after
      if (fresh) setAnalysis(body)
      setPending(!fresh)
      setError(null)
      if (!fresh && tries < MAX_RETRIES) timer = setTimeout(() => void load(tries + 1, after), RETRY_MS)
    } catch (err) {
      setError(`The analysis could not be loaded: ${errorMessage(err)}`)
    }
  }
  createEffect(
    on(
      () => props.ended,
      (ended) => ended && void load(),
    ),
  )

  const rerun = async () => {
    setError(null)
    try {
      await api(path(), { method: 'POST' })
      await load(0, analysis()?.analyzedAt)
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  /** A link to the first transcript line of `turn` (the customer's words). */
  const turnLink = (turn: number): JSX.Element => {
    const line = props.lines.find((l) => l.turn === turn)
    if (!line) return <span>turn {turn}</span>
    const jump = (e: MouseEvent) => {
      const target = document.getElementById(`line-${line.seq}`)
      if (!target) return
      e.preventDefault()
      target.scrollIntoView({ block: 'center' })
      target.focus()
    }
    return (
      <a href={`#line-${line.seq}`} onClick={jump} data-testid="evidence-turn">
        turn {turn}
      </a>
    )
  }
  const turnLinks = (turns: number[]) => (
    <For each={turns}>
      {(turn, i) => (
        <>
          {i() > 0 ? ', ' : ''}
          {turnLink(turn)}
        </>
      )}
    </For>
  )

  return (
    <Show when={props.ended}>
      <section class="panel" aria-labelledby="analysis-title" data-testid="call-analysis">
        <h2 id="analysis-title" class="panel__title">
          Analysis
          <Show when={analysis()}>
            <button type="button" class="button button--small" disabled={pending()} onClick={rerun}>
              {pending() ? 'Analysing…' : 'Analyse again'}
            </button>
          </Show>
        </h2>
        <ErrorAlert message={error()} />
        <Show when={!analysis() && pending()}>
          <p class="loading">Analysing the call…</p>
        </Show>
        <Show when={analysis()}>
          {(a) => (
            <>
              <p class="analysis__outcome">
                <span class="pill" data-tone={OUTCOME_TONES[a().outcome]} data-testid="analysis-outcome">
                  {OUTCOME_LABELS[a().outcome]}
                </span>
                <Show when={a().outcomeEvidence.turns.length > 0}>
                  {' '}
                  shown by {turnLinks(a().outcomeEvidence.turns)}
                </Show>
                <Show when={a().outcomeEvidence.appointmentId}>
                  {(id) => <span data-testid="evidence-appointment"> · appointment #{id()}</span>}
                </Show>
                <Show when={a().outcomeEvidence.taskId}>
                  {(id) => (
                    <span data-testid="evidence-task">
                      {' '}
                      · task <span class="mono">{id()}</span>
                    </span>
                  )}
                </Show>
              </p>
              <Show
                when={judged(a().summary)}
                fallback={<p class="hint">Too short to summarise (fewer than two customer turns).</p>}
              >
                {(summary) => (
                  <p class="analysis__summary" data-testid="analysis-summary">
                    {summary().text}
                    <span class="muted"> ({summary().source === 'llm' ? 'by the LLM' : 'offline'})</span>
                  </p>
                )}
              </Show>
              <dl class="facts">
                <dt>Duration</dt>
                <dd data-testid="analysis-duration">{formatDuration(a().durationSeconds)}</dd>
                <dt>Turns</dt>
                <dd>
                  {a().turns} ({a().customerTurns} by the customer)
                </dd>
                <Show when={a().talkSeconds}>
                  {(talk) => (
                    <>
                      <dt>Talk time</dt>
                      <dd data-testid="analysis-talk">
                        customer {formatDuration(talk().customer)} · agent {formatDuration(talk().agent)}
                      </dd>
                      <dt>Interruptions</dt>
                      <dd data-testid="analysis-interruptions">{a().interruptions}</dd>
                    </>
                  )}
                </Show>
                <dt>Sentiment</dt>
                <dd data-testid="analysis-sentiment">
                  <Show when={judged(a().sentiment)} fallback="too short to judge">
                    {(s) => (
                      <>
                        <span class="pill" data-tone={SENTIMENT_TONES[s().label]}>
                          {s().label}
                        </span>{' '}
                        {s().score.toFixed(2)}
                        <Show when={s().lowestTurn}>
                          {(turn) => (
                            <>
                              {' '}
                              · lowest at {turnLink(turn())} ({s().lowestScore?.toFixed(2)})
                            </>
                          )}
                        </Show>
                      </>
                    )}
                  </Show>
                </dd>
                <dt>Keywords</dt>
                <dd>
                  <Show when={a().keywords.length > 0} fallback="none">
                    <ul class="chips" data-testid="analysis-keywords">
                      <For each={a().keywords}>
                        {(k) => (
                          <li class="chip">
                            {k.keyword} ×{k.count} ({turnLinks(k.turns)})
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </dd>
                <dt>Top terms</dt>
                <dd>
                  {a()
                    .topTerms.map((t) => `${t.term} (${t.count})`)
                    .join(', ') || 'none'}
                </dd>
              </dl>
              <p class="hint">
                {a().analyzerVersion} · {formatDateTime(a().analyzedAt)}
              </p>
            </>
          )}
        </Show>
      </section>
    </Show>
  )
}
