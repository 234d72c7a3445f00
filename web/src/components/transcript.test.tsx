import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import { line } from '../test/fixtures'
import { Transcript, TRANSCRIPT_PAGE } from './transcript'

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
})
