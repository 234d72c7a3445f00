import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config/env'
import { createLogger } from '../../lib/logger'
import { startVoice } from './voice-system'

describe('startVoice', () => {
  it('with VOICE=off runs nothing, gives the API no voice and reports "off" without failing health', async () => {
    const voice = await startVoice(loadConfig({ VOICE: 'off' }), createLogger('silent'))
    expect(voice.service).toBeUndefined()
    expect(voice.health.name).toBe('voice')
    await expect(voice.health.check()).resolves.toMatch(/^off/)
    await voice.stop()
  })

  it('refuses a LIVEKIT_URL without its key and secret', async () => {
    await expect(
      startVoice(loadConfig({ LIVEKIT_URL: 'wss://example.livekit.cloud' }), createLogger('silent')),
    ).rejects.toThrow(/LIVEKIT_API_KEY/)
  })
})
