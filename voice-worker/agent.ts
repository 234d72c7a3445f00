/**
 * The voice agent LiveKit runs in a job process for each dispatched call (see main.ts). Its VAD
 * model is compiled into @livekit/local-inference, so it loads offline, once per process.
 */
import { defineAgent, inference, type JobContext, type JobProcess } from '@livekit/agents'
import { loadConfig } from '../config/env'
import { runVoiceCall } from './call-session'
import { exitWhenWorkerDiesBeforeACall } from './leave-when-worker-dies'

exitWhenWorkerDiesBeforeACall()

export default defineAgent({
  prewarm: async (proc: JobProcess) => {
    proc.userData.vad = new inference.VAD()
  },
  entry: async (ctx: JobContext) => {
    // Job processes inherit the worker's environment; it was validated when the worker started.
    await runVoiceCall(ctx, loadConfig(process.env))
  },
})
