/**
 * The voice worker: registers with LiveKit as `pitcrew-voice` and takes the calls the API dispatches
 * to it. `npm start` runs it when voice is on; alone: `tsx voice-worker/main.ts start` with
 * LIVEKIT_URL/KEY/SECRET and PITCREW_API_URL set.
 */
import { fileURLToPath } from 'node:url'
import { cli, ServerOptions } from '@livekit/agents'
import { loadConfigOrExit } from '../scripts/entry'
import { getFreePort } from '../scripts/tools/free-port'
import { createObjectStore } from '../lib/object-store'
import { createPitcrewClient } from './pitcrew-client'
import { keepMovingLeftoverParts } from './recording/move-leftover-parts'
import { rejoinOrphanedCalls } from './rejoin-calls'

/** Calls one worker carries at once; the offline speech engines are CPU-heavy (a process per utterance). */
const MAX_CALLS_PER_WORKER = 8

const config = loadConfigOrExit()
cli.runApp(
  new ServerOptions({
    agent: fileURLToPath(new URL('./agent.ts', import.meta.url)),
    agentName: config.voice.agentName,
    wsURL: config.livekit.url,
    apiKey: config.livekit.apiKey,
    apiSecret: config.livekit.apiSecret,
    // The worker's own HTTP health endpoint, on loopback and a free port (the library's default,
    // 0.0.0.0:8081, collides with a second worker on the host). `port: 0` would mean that default.
    host: '127.0.0.1',
    port: await getFreePort(),
    numIdleProcesses: config.voice.idleProcesses,
    // Load = calls in progress, not the library's host CPU share: with the default a worker on a busy
    // machine (other processes at 70 % CPU) reports itself full and LiveKit never gives it a call.
    loadFunc: async (server) => server.activeJobs.length / MAX_CALLS_PER_WORKER,
    loadThreshold: 1,
    // A job process loads the agents library and the VAD before it can take a call: 2-3 s on an idle
    // machine, but far past the library's 10 s on a loaded 2-core one, which then fails every call.
    initializeProcessTimeout: 120_000,
  }),
)

const { url, apiKey, apiSecret } = config.livekit
if (process.argv.includes('start') && url && apiKey && apiSecret && config.voice.apiUrl) {
  const pitcrew = createPitcrewClient(config.voice.apiUrl, config.http.apiKey)
  void rejoinOrphanedCalls({
    livekit: { url, apiKey, apiSecret },
    agentName: config.voice.agentName,
    pitcrew,
    log: (message) => console.log(JSON.stringify({ level: 30, msg: message })),
  }).catch((err: unknown) => console.error('rejoining orphaned calls failed:', err))
  if (config.recordings.s3) {
    keepMovingLeftoverParts({
      dataDir: config.dataDir,
      bucket: createObjectStore(config.recordings.s3),
      pitcrew,
      log: (fields, message) => console.log(JSON.stringify({ level: 30, ...fields, msg: message })),
    })
  }
}
