/**
 * A voice call's recordings (GET /api/calls/:id/recordings), each with an audio player. The list is
 * loaded when the console opens and again when the call ends (the file is complete then); Refresh
 * lists a part still being recorded (it plays up to what was written).
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { withAccessToken } from '../lib/api-key'
import { formatBytes, formatDateTime, formatDuration } from '../lib/format'
import type { Recording, RecordingList } from '../lib/types'
import { ErrorAlert } from './error-alert'

export function Recordings(props: { callId: string; ended: boolean }) {
  const [items, setItems] = createSignal<Recording[] | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(false)

  const load = async () => {
    setLoading(true)
    try {
      const list = await api<RecordingList>(`/api/calls/${encodeURIComponent(props.callId)}/recordings`)
      setItems(list.items)
      setError(null)
    } catch (err) {
      setError(`The recordings could not be loaded: ${errorMessage(err)}`)
    } finally {
      setLoading(false)
    }
  }
  createEffect(on(() => props.ended, load))

  return (
    <section class="panel" aria-labelledby="recordings-title" data-testid="recordings">
      <h2 id="recordings-title" class="panel__title">
        Recordings
        <button type="button" class="button button--small" disabled={loading()} onClick={load}>
          {loading() ? 'Loading…' : 'Refresh'}
        </button>
      </h2>
      <ErrorAlert message={error()} />
      <Show when={items()}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="empty">
                No recordings yet. The call is recorded while it runs: Refresh lists the part being recorded,
                and the list reloads when the call ends.
              </p>
            }
          >
            <ul class="recordings">
              <For each={list()}>{(recording) => <RecordingItem recording={recording} />}</For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  )
}

function RecordingItem(props: { recording: Recording }) {
  const r = () => props.recording
  return (
    <li class="recording" data-testid="recording">
      <div class="recording__head">
        <span class="mono">{r().name}</span>
        <span class="muted">
          {formatDateTime(r().startedAt)}
          <Show when={r().durationSeconds !== undefined}>
            {' '}
            · {formatDuration(r().durationSeconds!)}
          </Show> · {formatBytes(r().bytes)}
        </span>
      </div>
      {/* An <audio> cannot send the API key as a header: it goes in the query, as for the SSE streams. */}
      <audio controls preload="metadata" src={withAccessToken(r().url)} aria-label={`Recording ${r().name}`}>
        <a href={withAccessToken(r().url)}>Download {r().name}</a>
      </audio>
      <p class="hint">{r().layout}</p>
    </li>
  )
}
