import { describe, expect, it } from 'vitest'
import { chooseEngines, createSpeechEngines } from './engines'

const noVocabulary = async () => {
  throw new Error('the offline grammar must not be built for cloud engines')
}

describe('chooseEngines', () => {
  it('takes OpenAI when a key or an OpenAI-compatible base URL is configured, else the offline pair', () => {
    expect(chooseEngines({ engines: 'auto', openai: {} })).toBe('offline')
    expect(chooseEngines({ engines: 'auto', openai: { apiKey: 'sk-test' } })).toBe('openai')
    expect(chooseEngines({ engines: 'auto', openai: { baseUrl: 'http://127.0.0.1:9/v1' } })).toBe('openai')
    expect(chooseEngines({ engines: 'offline', openai: { apiKey: 'sk-test' } })).toBe('offline')
    expect(chooseEngines({ engines: 'openai', openai: {} })).toBe('openai')
  })

  it('builds the OpenAI plugin engines without touching the network or the offline grammar', async () => {
    const engines = await createSpeechEngines(
      { engines: 'auto', openai: { apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1' } },
      noVocabulary,
    )
    expect(engines.description).toMatch(/^openai/)
    expect(engines.stt.label).toMatch(/openai/i)
    expect(engines.tts.label).toMatch(/openai/i)
  })
})
