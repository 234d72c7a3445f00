import { createServer } from 'node:net'

/**
 * Asks the OS for a TCP port that is free right now on `host` (default loopback).
 * Another process may still take it before the caller binds it; callers that spawn a server
 * on it should fail clearly when the bind fails rather than assume the port is theirs.
 */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close((err) => {
        if (err) reject(err)
        else if (port === 0) reject(new Error(`could not get a free port on ${host}`))
        else resolve(port)
      })
    })
  })
}
