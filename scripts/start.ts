/** `npm start`: the whole of pitcrew on one machine, on embedded defaults. Ctrl-C stops everything. */
import { loadConfigOrExit, processLogger, stopOnSignals } from './entry'
import { startSystem } from './system'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew')

try {
  const system = await startSystem(config, log)
  console.log(
    [
      '',
      'pitcrew is running',
      `  Dashboard    ${system.apiUrl}/`,
      `  API          ${system.apiUrl}   (health: ${system.apiUrl}/health, OpenAPI: ${system.apiUrl}/openapi.json)`,
      `  Temporal     ${system.temporalAddress}${system.temporalUiUrl ? `   Web UI: ${system.temporalUiUrl}` : ''}`,
      `  Database     ${system.database}`,
      `  Voice        ${system.voice}`,
      `  Data dir     ${system.dataDir}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
  stopOnSignals(log, system.stop)
} catch (err) {
  log.fatal({ err }, 'pitcrew could not start')
  console.error(`\npitcrew could not start: ${(err as Error).message}`)
  process.exit(1)
}
