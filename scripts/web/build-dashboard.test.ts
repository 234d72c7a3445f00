import { afterEach, describe, expect, it } from 'vitest'
import { keepingNodeEnv } from './build-dashboard'

const original = process.env.NODE_ENV
afterEach(() => {
  process.env.NODE_ENV = original
})

describe('keepingNodeEnv', () => {
  it('leaves an unset NODE_ENV unset after work that sets it, as Vite does', async () => {
    delete process.env.NODE_ENV
    const result = await keepingNodeEnv(async () => {
      process.env.NODE_ENV = 'production'
      return 'built'
    })
    expect(result).toBe('built')
    expect(process.env.NODE_ENV).toBeUndefined()
  })

  it('puts a set NODE_ENV back, also when the work fails', async () => {
    process.env.NODE_ENV = 'development'
    const failing = keepingNodeEnv(async () => {
      process.env.NODE_ENV = 'production'
      throw new Error('build failed')
    })
    await expect(failing).rejects.toThrow('build failed')
    expect(process.env.NODE_ENV).toBe('development')
  })
})
