import { createEffect, For, on, Show } from 'solid-js'
import { AGENT_LABELS, formatClock } from '../lib/format'
import type { TranscriptEntry } from '../lib/types'

function speaker(line: TranscriptEntry): string {
  if (line.role === 'user') return 'Customer'
  if (line.role === 'human') return 'Staff'
  if (line.role === 'system') return 'System'
  return line.agent ? `${AGENT_LABELS[line.agent]} agent` : 'Agent'
}

/**
 * The conversation, newest at the bottom. It follows new lines only while the reader is at the
 * bottom, so scrolling back to read is not interrupted.
 */
export function Transcript(props: { lines: TranscriptEntry[]; pending?: string | null }) {
  let list: HTMLOListElement | undefined
  let follow = true
  createEffect(
    on(
      () => [props.lines.length, props.pending],
      () => {
        if (list && follow) list.scrollTop = list.scrollHeight
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
      <Show when={props.lines.length === 0 && !props.pending}>
        <li class="transcript__empty">No messages yet. Say hello to the crew.</li>
      </Show>
      <For each={props.lines}>
        {(line) => (
          <li class="line" data-role={line.role} data-agent={line.agent}>
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
