/**
 * The voice worker: registers with LiveKit as `pitcrew-voice` and takes the calls the API dispatches
 * to it. `npm start` runs it when voice is on; alone: `tsx voice-worker/main.ts start` with
 * LIVEKIT_URL/KEY/SECRET and PITCREW_API_URL set.
 */
import { fileURLToPath } from 'node:url'
import { cli, ServerOptions } from '@livekit/agents'
import { VOICE_AGENT_NAME } from '../domain/voice'
import { loadConfigOrExit } from '../scripts/entry'
import { getFreePort } from '../scripts/tools/free-port'

const config = loadConfigOrExit()
cli.runApp(
  new ServerOptions({
    agent: fileURLToPath(new URL('./agent.ts', import.meta.url)),
    agentName: VOICE_AGENT_NAME,
    wsURL: config.livekit.url,
    apiKey: config.livekit.apiKey,
    apiSecret: config.livekit.apiSecret,
    // The worker's own HTTP health endpoint, on loopback and a free port (the library's default,
    // 0.0.0.0:8081, collides with a second worker on the host). `port: 0` would mean that default.
    host: '127.0.0.1',
    port: await getFreePort(),
    numIdleProcesses: 1,
  }),
)
