import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import { withAccessToken } from '../lib/api-key'
import { AGENT_LABELS, formatClock } from '../lib/format'
import type { TranscriptEntry, VoiceMessage } from '../lib/types'

function speaker(line: TranscriptEntry): string {
  if (line.role === 'user') return 'Customer'
  if (line.role === 'human') return 'Staff'
  if (line.role === 'system') return 'System'
  return line.agent ? `${AGENT_LABELS[line.agent]} agent` : 'Agent'
}

/** A line's audio: the customer's voice message, or the crew's spoken reply to one. */
interface LineAudio {
  url: string
  label: string
}

/**
 * Which lines were voice messages and which replies were spoken, by seq. A message's transcript is
 * its user line (the first one with that text after the previous message's lines), its reply the next
 * agent line with the reply's text. A message nothing was heard in has only its reply line.
 */
export function voiceAudioBySeq(lines: TranscriptEntry[], messages: VoiceMessage[]): Map<number, LineAudio> {
  const audio = new Map<number, LineAudio>()
  let from = 0
  for (const m of messages) {
    if (m.status !== 'answered') continue
    let at = from
    if (m.transcript) {
      const i = lines.findIndex((l, n) => n >= from && l.role === 'user' && l.text === m.transcript)
      if (i < 0) continue
      audio.set(lines[i]!.seq, { url: m.audioUrl, label: 'The customer’s voice message' })
      at = i + 1
    }
    const r = lines.findIndex((l, n) => n >= at && l.role === 'agent' && l.text === m.reply)
    if (r >= 0 && m.replyAudioUrl)
      audio.set(lines[r]!.seq, { url: m.replyAudioUrl, label: 'The spoken reply' })
    from = Math.max(at, r + 1)
  }
  return audio
}

/** Lines rendered at first, and added per "show earlier": a long call opens at once. */
export const TRANSCRIPT_PAGE = 60

/**
 * The conversation, newest at the bottom. It follows new lines only while the reader is at the
 * bottom, so scrolling back to read is not interrupted. Only the latest lines are in the DOM until
 * the reader asks for earlier ones: laying out hundreds of bubbles is what made long calls slow.
 */
export function Transcript(props: {
  lines: TranscriptEntry[]
  pending?: string | null
  /** The call's voice messages: their lines get players for both sides. */
  voiceMessages?: VoiceMessage[]
}) {
  let list: HTMLOListElement | undefined
  let follow = true
  const [shown, setShown] = createSignal(TRANSCRIPT_PAGE)
  // The same line objects each time, so <For> keeps their DOM nodes as the window moves.
  const visible = createMemo(() => props.lines.slice(-shown()))
  const hidden = () => props.lines.length - visible().length
  const audio = createMemo(() => voiceAudioBySeq(props.lines, props.voiceMessages ?? []))
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
            <Show when={audio().get(line.seq)}>
              {(a) => (
                // An <audio> cannot send the API key as a header: it goes in the query.
                <audio
                  class="line__audio"
                  controls
                  preload="none"
                  src={withAccessToken(a().url)}
                  aria-label={a().label}
                />
              )}
            </Show>
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
