import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * One logger per process: JSON lines, or readable colored lines when `pretty` (a person at a
 * terminal running `npm start`).
 */
export function createLogger(level: string, options: { name?: string; pretty?: boolean } = {}): Logger {
  return pino({
    name: options.name ?? 'pitcrew',
    level,
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss' },
          },
        }
      : {}),
  })
}
