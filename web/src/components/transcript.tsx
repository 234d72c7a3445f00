import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import { AGENT_LABELS, formatClock } from '../lib/format'
import type { TranscriptEntry } from '../lib/types'

function speaker(line: TranscriptEntry): string {
  if (line.role === 'user') return 'Customer'
  if (line.role === 'human') return 'Staff'
  if (line.role === 'system') return 'System'
  return line.agent ? `${AGENT_LABELS[line.agent]} agent` : 'Agent'
}

/** Lines rendered at first, and added per "show earlier": a long call opens at once. */
export const TRANSCRIPT_PAGE = 60

/**
 * The conversation, newest at the bottom. It follows new lines only while the reader is at the
 * bottom, so scrolling back to read is not interrupted. Only the latest lines are in the DOM until
 * the reader asks for earlier ones: laying out hundreds of bubbles is what made long calls slow.
 */
export function Transcript(props: { lines: TranscriptEntry[]; pending?: string | null }) {
  let list: HTMLOListElement | undefined
  let follow = true
  const [shown, setShown] = createSignal(TRANSCRIPT_PAGE)
  // The same line objects each time, so <For> keeps their DOM nodes as the window moves.
  const visible = createMemo(() => props.lines.slice(-shown()))
  const hidden = () => props.lines.length - visible().length
  createEffect(
    on(
      () => [props.lines.length, props.pending],
      () => {
        // In the next frame: reading scrollHeight now would force a layout in the middle of rendering.
        if (list && follow) requestAnimationFrame(() => list && (list.scrollTop = list.scrollHeight))
      },
    ),
  )
  return (
    <ol
      class="transcript"
      ref={list}
      role="log"
      aria-label="Transcript"
      tabindex="0"
      onScroll={() => {
        if (list) follow = list.scrollHeight - list.scrollTop - list.clientHeight < 40
      }}
    >
      <Show when={hidden() > 0}>
        <li class="transcript__more">
          <button
            type="button"
            class="button button--small"
            onClick={() => {
              follow = false
              setShown(shown() + TRANSCRIPT_PAGE)
            }}
          >
            Show {Math.min(hidden(), TRANSCRIPT_PAGE)} earlier messages ({hidden()} hidden)
          </button>
        </li>
      </Show>
      <Show when={props.lines.length === 0 && !props.pending}>
        <li class="transcript__empty">No messages yet. Say hello to the crew.</li>
      </Show>
      <For each={visible()}>
        {(line) => (
          <li
            class="line"
            id={`line-${line.seq}`}
            tabindex="-1"
            data-role={line.role}
            data-agent={line.agent}
            data-turn={line.turn}
          >
            <div class="line__meta">
              <span class="line__speaker">{speaker(line)}</span>
              <time datetime={line.at}>{formatClock(line.at)}</time>
            </div>
            <p class="line__text">{line.text}</p>
          </li>
        )}
      </For>
      <Show when={props.pending}>
        <li class="line line--pending" data-role="pending">
          <div class="line__meta">
            <span class="line__speaker">Sending…</span>
          </div>
          <p class="line__text">{props.pending}</p>
        </li>
      </Show>
    </ol>
  )
}
