import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from '../lib/api'
import { apiKey, setApiKey } from '../lib/api-key'
import { stubFetch } from '../test/render-with-queue'
import { ApiKeyForm } from './api-key-form'

describe('ApiKeyForm', () => {
  afterEach(() => {
    cleanup()
    setApiKey('')
  })

  it('opens when the API answers 401, stores the key, and requests then carry it', async () => {
    stubFetch({
      'GET /api/config': () => [401, { error: { code: 'unauthorized', message: 'Missing API key' } }],
    })
    const onSaved = vi.fn()
    render(() => <ApiKeyForm onSaved={onSaved} />)
    expect(screen.queryByLabelText('PITCREW_API_KEY')).toBeNull()
    await expect(api('/api/config')).rejects.toThrow('Missing API key')
    expect(screen.getByRole('button', { name: 'API key needed' })).toBeTruthy()

    fireEvent.input(screen.getByLabelText('PITCREW_API_KEY'), { target: { value: ' s3cret ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSaved).toHaveBeenCalled()
    expect(apiKey()).toBe('s3cret')
    expect(localStorage.getItem('pitcrew.apiKey')).toBe('s3cret')

    const requests = stubFetch({ 'GET /api/config': () => [200, {}] })
    await api('/api/config')
    expect(requests[0]!.headers.authorization).toBe('Bearer s3cret')
  })
})
