/** temporal-compose.yml cannot run here (no Docker), so check its shape by parsing it. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'

interface Service {
  image?: string
  ports?: (string | { published?: string | number; target?: number })[]
  command?: string | string[]
  environment?: Record<string, string> | string[]
}

const text = readFileSync(new URL('../temporal-compose.yml', import.meta.url), 'utf8')
const compose = parse(text) as { services: Record<string, Service> }
const services = Object.entries(compose.services)

function serviceByImage(prefix: string): Service {
  const found = services.filter(([, s]) => s.image?.startsWith(prefix))
  expect(found, `one service with image ${prefix}*`).toHaveLength(1)
  return found[0]![1]
}

/** `[hostPort, containerPort]` pairs of a service, from short (`[ip:]host:container`) or long syntax. */
function portPairs(service: Service): [number, number][] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return [Number(p.published), Number(p.target)]
    const parts = p.split(':')
    return [Number(parts.at(-2)), Number(parts.at(-1))]
  })
}

const commandText = (s: Service) => (Array.isArray(s.command) ? s.command.join('\n') : (s.command ?? ''))

describe('temporal-compose.yml', () => {
  it('publishes the default ports: Temporal 7233, UI 8233, PostgreSQL 5432', () => {
    expect(portPairs(serviceByImage('temporalio/server:'))).toEqual([[7233, 7233]])
    expect(portPairs(serviceByImage('temporalio/ui:'))).toEqual([[8233, 8080]])
    expect(portPairs(serviceByImage('postgres:16'))).toEqual([[5432, 5432]])
  })

  it('registers every pitcrew search attribute, with its type, in the default namespace', () => {
    const setups = services.filter(([, s]) => commandText(s).includes('search-attribute create'))
    expect(setups).toHaveLength(1)
    const command = commandText(setups[0]![1])
    expect(command).toContain('--namespace default')
    const registered = Object.fromEntries(
      [...command.matchAll(/--name\s+(\w+)\s+--type\s+(\w+)/g)].map((m) => [m[1], m[2]]),
    )
    expect(registered).toEqual(SEARCH_ATTRIBUTES)
  })

  it('tells how to point pitcrew at it', () => {
    const header = text
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join('\n')
    expect(header).toContain('TEMPORAL_ADDRESS=127.0.0.1:7233')
    const url = /DATABASE_URL=(postgres:\/\/\S+)/.exec(header)?.[1]
    const pg = serviceByImage('postgres:16').environment as Record<string, string>
    expect(url).toBe(
      `postgres://${pg.POSTGRES_USER}:${pg.POSTGRES_PASSWORD}@127.0.0.1:5432/${pg.POSTGRES_DB}`,
    )
  })
})
