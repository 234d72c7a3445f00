/**
 * Real parts for the whole test run: a Temporal dev server (the provisioned CLI, in memory, with
 * pitcrew's search attributes), a LiveKit server in dev mode and a fresh PostgreSQL database,
 * migrated and seeded. Test files reach them through `inject('temporalAddress')`,
 * `inject('databaseUrl')` and `inject('livekitUrl')`.
 */
import type { TestProject } from 'vitest/node'
import { openDb } from '../db/client'
import { seed } from '../db/seed'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { startLivekitDevServer } from '../scripts/livekit/dev-server'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureLivekitServer } from '../scripts/tools/livekit-server'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { createTestDatabase } from './support/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string
    temporalCliPath: string
    databaseUrl: string
    /** A LiveKit server in dev mode (key `devkey`, secret `secret`), for the voice tests. */
    livekitUrl: string
  }
}

export default async function setup(project: TestProject) {
  const cliPath = await ensureTemporalCli({
    envPath: process.env.TEMPORAL_CLI_PATH,
    log: (l) => console.log(l),
  })
  const livekitPath = await ensureLivekitServer({
    envPath: process.env.LIVEKIT_SERVER_PATH,
    log: (l) => console.log(l),
  })
  const [temporal, database, livekit] = await Promise.all([
    startTemporalDevServer({
      cliPath,
      port: await getFreePort(),
      uiPort: null,
      searchAttributes: SEARCH_ATTRIBUTES,
    }),
    createTestDatabase('pitcrew_test'),
    startLivekitDevServer({
      binPath: livekitPath,
      port: await getFreePort(),
      rtcTcpPort: await getFreePort(),
      // A free TCP port number is very likely free for UDP too; the server fails loudly if not.
      rtcUdpPort: await getFreePort(),
    }),
  ])
  const handle = await openDb({ databaseUrl: database.url })
  await handle.migrate()
  await seed(handle.db)
  await handle.close()

  project.provide('temporalAddress', temporal.address)
  project.provide('temporalCliPath', cliPath)
  project.provide('databaseUrl', database.url)
  project.provide('livekitUrl', livekit.url)
  return async () => {
    await livekit.stop()
    await temporal.stop()
    await database.drop()
  }
}
