import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './env'

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({})
    expect(config.http.port).toBe(3000)
    expect(config.database).toEqual({ pgliteDir: expect.stringMatching(/\.data\/pglite$/) })
    expect(config.temporal).toMatchObject({
      address: undefined,
      devPort: 7233,
      uiPort: 8233,
      taskQueue: 'pitcrew',
    })
    expect(config.dealershipTimeZone).toBe('America/Chicago')
  })

  it('uses PostgreSQL and an existing Temporal when configured', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/pitcrew',
      TEMPORAL_ADDRESS: 'temporal:7233',
    })
    expect(config.database).toEqual({ databaseUrl: 'postgres://u@db:5432/pitcrew' })
    expect(config.temporal.address).toBe('temporal:7233')
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PITCREW_API_KEY: '  ' }).http.apiKey).toBeUndefined()
  })

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DEALERSHIP_TZ: 'Mars/Olympus', DATABASE_URL: 'mysql://x' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*DEALERSHIP_TZ/)
  })

  it('leaves the workflow cache to the SDK unless TEMPORAL_MAX_CACHED_WORKFLOWS is set', () => {
    expect(loadConfig({}).temporal.maxCachedWorkflows).toBeUndefined()
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '200' }).temporal.maxCachedWorkflows).toBe(200)
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '0' }).temporal.maxCachedWorkflows).toBe(0)
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/)
  })

  it('refuses to run in production without an API key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(loadConfig({ NODE_ENV: 'production', PITCREW_API_KEY: 'k' }).http.apiKey).toBe('k')
  })

  it('keeps recordings in DATA_DIR unless a bucket is configured, and then needs its keys', () => {
    expect(loadConfig({}).recordings.s3).toBeUndefined()
    expect(() => loadConfig({ S3_BUCKET: 'calls' })).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/)
    const keys = { S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }
    expect(loadConfig({ S3_BUCKET: 'calls', S3_REGION: 'eu-west-1', ...keys }).recordings.s3).toEqual({
      bucket: 'calls',
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      accessKeyId: 'k',
      secretAccessKey: 's',
    })
    expect(
      loadConfig({ S3_BUCKET: 'calls', S3_ENDPOINT: 'http://minio:9000', ...keys }).recordings.s3?.endpoint,
    ).toBe('http://minio:9000')
  })

  it('takes the analysis keyword list from ANALYSIS_KEYWORDS, or the defaults', () => {
    expect(loadConfig({}).analysis.keywords).toContain('warranty')
    expect(loadConfig({ ANALYSIS_KEYWORDS: ' Recall, lemon law,,recall ' }).analysis.keywords).toEqual([
      'recall',
      'lemon law',
    ])
    expect(() => loadConfig({ ANALYSIS_KEYWORDS: ' , ,' })).toThrow(/ANALYSIS_KEYWORDS/)
  })
})
