import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import { MessageComposer } from './message-composer'

/** onSend answers when the test says so, like an API that is still working on the previous turn. */
function slowApi(results: boolean[] = []) {
  const sent: string[] = []
  const answers: ((ok: boolean) => void)[] = []
  const onSend = (text: string) => {
    sent.push(text)
    return new Promise<boolean>((resolve) => answers.push(resolve))
  }
  const answer = (ok = results.shift() ?? true) => answers.shift()!(ok)
  return { sent, onSend, answer }
}

const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement
const type = (text: string) => fireEvent.input(box(), { target: { value: text } })
const enter = () => fireEvent.keyDown(box(), { key: 'Enter' })

describe('MessageComposer', () => {
  afterEach(cleanup)

  it('sends a message typed while the previous one is on its way, right after it', async () => {
    const api = slowApi()
    render(() => <MessageComposer label="Message" onSend={api.onSend} />)
    type('What are your hours?')
    enter()
    expect(api.sent).toEqual(['What are your hours?'])
    expect(box().value).toBe('')

    type('I need an oil change tomorrow morning')
    enter()
    expect(api.sent).toHaveLength(1)
    api.answer()
    await waitFor(() =>
      expect(api.sent).toEqual(['What are your hours?', 'I need an oil change tomorrow morning']),
    )
    expect(box().value).toBe('')
    api.answer()
  })

  it('keeps what was not taken in the box, and what was typed meanwhile over it', async () => {
    const api = slowApi([false, false])
    render(() => <MessageComposer label="Message" onSend={api.onSend} />)
    type('first')
    enter()
    api.answer()
    await waitFor(() => expect(box().value).toBe('first'))

    enter()
    type('second')
    enter()
    api.answer()
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false),
    )
    expect(box().value).toBe('second')
    expect(api.sent).toEqual(['first', 'first'])
  })
})
