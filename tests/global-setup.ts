/**
 * Real parts for the whole test run: a Temporal dev server (the provisioned CLI, in memory, with
 * pitcrew's search attributes) and a fresh PostgreSQL database, migrated and seeded. Test files
 * reach them through `inject('temporalAddress')` and `inject('databaseUrl')`.
 */
import type { TestProject } from 'vitest/node'
import { openDb } from '../db/client'
import { seed } from '../db/seed'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { createTestDatabase } from './support/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string
    temporalCliPath: string
    databaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const cliPath = await ensureTemporalCli({
    envPath: process.env.TEMPORAL_CLI_PATH,
    log: (l) => console.log(l),
  })
  const [temporal, database] = await Promise.all([
    startTemporalDevServer({
      cliPath,
      port: await getFreePort(),
      uiPort: null,
      searchAttributes: SEARCH_ATTRIBUTES,
    }),
    createTestDatabase('pitcrew_test'),
  ])
  const handle = await openDb({ databaseUrl: database.url })
  await handle.migrate()
  await seed(handle.db)
  await handle.close()

  project.provide('temporalAddress', temporal.address)
  project.provide('temporalCliPath', cliPath)
  project.provide('databaseUrl', database.url)
  return async () => {
    await temporal.stop()
    await database.drop()
  }
}
