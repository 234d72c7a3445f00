/**
 * Voice for `npm start`: a LiveKit server (the configured LIVEKIT_URL, or the dev server on loopback),
 * the API's voice service on it, the voice worker process, and the `voice` health check. VOICE=off
 * runs none of it; /health then says "off" without failing.
 */
import type { HealthCheck } from '../../api/context'
import { createVoiceService, type LivekitSettings, type VoiceService } from '../../lib/livekit-voice'
import type { Config } from '../../config/env'
import type { Logger } from '../../lib/logger'
import { ensureLivekitServer } from '../tools/livekit-server'
import { startLivekitDevServer } from './dev-server'
import { startVoiceWorkerProcess, type VoiceWorkerProcess } from './voice-worker-process'

export interface RunningVoice {
  /** For the API; absent when voice is off. */
  service?: VoiceService
  health: HealthCheck
  /** One line for the start banner. */
  summary: string
  /** Starts the voice worker, which reaches the API at `apiUrl`; resolves once it has registered. */
  startWorker(apiUrl: string): Promise<void>
  stop(): Promise<void>
}

export async function startVoice(config: Config, log: Logger): Promise<RunningVoice> {
  if (!config.voice.enabled) {
    return {
      health: { name: 'voice', check: async () => 'off (VOICE=off)' },
      summary: 'off (VOICE=off): web and phone calls answer 400 not_configured',
      startWorker: async () => {},
      stop: async () => {},
    }
  }
  const { settings, stopServer } = await livekitServer(config, log)
  const service = createVoiceService(settings)
  let worker: VoiceWorkerProcess | undefined
  return {
    service,
    health: {
      name: 'voice',
      async check() {
        await service.check()
        if (!worker?.alive()) throw new Error('the voice worker is not running')
        return `on (LiveKit ${settings.url})`
      },
    },
    summary: `LiveKit ${settings.url}${stopServer ? ' (dev server, key devkey)' : ''}, voice worker`,
    async startWorker(apiUrl) {
      worker = await startVoiceWorkerProcess({
        env: {
          ...process.env,
          LIVEKIT_URL: settings.url,
          LIVEKIT_API_KEY: settings.apiKey,
          LIVEKIT_API_SECRET: settings.apiSecret,
          PITCREW_API_URL: apiUrl,
          // Where it writes call recordings: the API serves them from the same folder.
          DATA_DIR: config.dataDir,
        },
        onOutput: (line) => log.debug({ part: 'voice-worker' }, line),
      })
    },
    async stop() {
      await worker?.stop()
      await stopServer?.()
    },
  }
}

async function livekitServer(
  config: Config,
  log: Logger,
): Promise<{ settings: LivekitSettings; stopServer?: () => Promise<void> }> {
  const { url, apiKey, apiSecret, sipTrunkId } = config.livekit
  if (url) {
    if (!apiKey || !apiSecret) {
      throw new Error('LIVEKIT_URL is set without LIVEKIT_API_KEY and LIVEKIT_API_SECRET; set all three')
    }
    return { settings: { url, apiKey, apiSecret, sipTrunkId, agentName: config.voice.agentName } }
  }
  const binPath = await ensureLivekitServer({
    envPath: config.voice.serverPath,
    toolsDir: config.toolsDir,
    log: (line) => log.info(line),
  })
  const server = await startLivekitDevServer({
    binPath,
    ...config.voice.devServer,
    onOutput: (line) => log.debug({ part: 'livekit' }, line),
  })
  return {
    // A SIP trunk needs LiveKit's SIP service, which the dev server does not run.
    settings: {
      url: server.url,
      apiKey: server.apiKey,
      apiSecret: server.apiSecret,
      agentName: config.voice.agentName,
    },
    stopServer: () => server.stop(),
  }
}
