/**
 * pitcrew on a Temporal cluster of its own: every workflow it starts sets its search attributes
 * (domain/search-attributes.ts), and a fresh namespace has none, so starting a call would fail with
 * INVALID_ARGUMENT. The API and the worker try to register them when they start (clusters that let
 * them); when that is refused, `npm run setup` (or the Temporal CLI) does it once, and meanwhile
 * /readyz says so and starting a call answers 503 instead of 500.
 */
import type { Connection } from '@temporalio/client'
import type { HealthCheck } from '../api/context'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import type { Logger } from './logger'
import {
  missingSearchAttributes,
  registerSearchAttributes,
} from '../scripts/temporal/register-search-attributes'

const cliFlags = Object.entries(SEARCH_ATTRIBUTES)
  .map(([name, type]) => `--name ${name} --type ${type}`)
  .join(' ')
export const SETUP_HINT =
  'run `npm run setup` once with TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE set ' +
  `(or \`temporal operator search-attribute create --namespace <namespace> ${cliFlags}\`)`

/** Registers pitcrew's search attributes where the cluster allows it; logs what to do where it does not. */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  log: Logger,
): Promise<boolean> {
  try {
    const added = await registerSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES)
    if (added.length > 0) log.info({ namespace, added }, 'registered search attributes')
    return true
  } catch (err) {
    log.error(
      { namespace, err: (err as Error).message },
      `could not register pitcrew's search attributes; calls cannot start until they exist: ${SETUP_HINT}`,
    )
    return false
  }
}

/** Ready once every search attribute exists in the namespace (they are never removed by pitcrew). */
export function searchAttributesHealthCheck(connection: Connection, namespace: string): HealthCheck {
  let confirmed = false
  return {
    name: 'temporal-setup',
    async check() {
      if (confirmed) return
      const missing = await connection.withDeadline(Date.now() + 1_500, () =>
        missingSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES),
      )
      if (missing.length > 0)
        throw new Error(
          `namespace "${namespace}" lacks search attributes ${missing.join(', ')}: ${SETUP_HINT}`,
        )
      confirmed = true
    },
  }
}

/** The error Temporal answers when a workflow sets a search attribute the namespace does not have. */
export function isMissingSearchAttribute(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (/no mapping defined for search attribute/i.test(e.message)) return true
  }
  return false
}
