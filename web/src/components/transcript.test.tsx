import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import { line } from '../test/fixtures'
import type { VoiceMessage } from '../lib/types'
import { Transcript, TRANSCRIPT_PAGE, voiceAudioBySeq } from './transcript'

describe('Transcript', () => {
  afterEach(cleanup)

  it('labels who spoke, and says so when nobody has yet', () => {
    const { unmount } = render(() => <Transcript lines={[]} />)
    expect(screen.getByText('No messages yet. Say hello to the crew.')).toBeTruthy()
    unmount()
    render(() => (
      <Transcript
        lines={[line(1, 'user', 'hi'), line(2, 'agent', 'Hello!', 'faq'), line(3, 'human', 'Ann here')]}
      />
    ))
    expect(
      screen.getAllByRole('listitem').map((li) => li.querySelector('.line__speaker')?.textContent),
    ).toEqual(['Customer', 'FAQ agent', 'Staff'])
  })

  it('renders the latest lines of a long call and the earlier ones on request', () => {
    const lines = Array.from({ length: 150 }, (_, i) =>
      line(i + 1, i % 2 ? 'agent' : 'user', `line ${i + 1}`),
    )
    render(() => <Transcript lines={lines} />)
    expect(document.querySelectorAll('.line')).toHaveLength(TRANSCRIPT_PAGE)
    expect(document.querySelector('.line:last-child')!.textContent).toContain('line 150')
    fireEvent.click(screen.getByRole('button', { name: /Show 60 earlier messages \(90 hidden\)/ }))
    expect(document.querySelectorAll('.line')).toHaveLength(2 * TRANSCRIPT_PAGE)
    fireEvent.click(screen.getByRole('button', { name: /Show 30 earlier messages/ }))
    expect(document.querySelectorAll('.line')).toHaveLength(150)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it("puts players on the lines of voice messages: the customer's audio and the spoken reply", () => {
    const message = (id: string, transcript: string, reply: string): VoiceMessage => ({
      messageId: id,
      callId: 'call-1',
      status: 'answered',
      transcript,
      reply,
      audioUrl: `/a/${id}.webm`,
      replyAudioUrl: `/a/${id}-reply.wav`,
      durationSeconds: 2,
      turn: null,
      createdAt: '2030-01-01T00:00:00Z',
    })
    const lines = [
      line(1, 'user', 'yes'),
      line(2, 'agent', 'Typed reply', 'booking'),
      line(3, 'user', 'yes'),
      line(4, 'agent', 'Spoken reply', 'booking'),
      line(5, 'agent', 'Nothing heard', 'booking'),
    ]
    // The typed "yes" (line 1) has no reply matching the message's: the message is lines 3 and 4.
    const messages = [message('vm-1', 'yes', 'Spoken reply'), message('vm-2', '', 'Nothing heard')]
    expect([...voiceAudioBySeq(lines, messages).entries()].map(([seq, a]) => [seq, a.url])).toEqual([
      [1, '/a/vm-1.webm'],
      [4, '/a/vm-1-reply.wav'],
      [5, '/a/vm-2-reply.wav'],
    ])
    render(() => <Transcript lines={lines} voiceMessages={messages} />)
    expect(screen.getAllByLabelText('The spoken reply')).toHaveLength(2)
    expect(screen.getAllByLabelText('The customer’s voice message')).toHaveLength(1)
  })
})
