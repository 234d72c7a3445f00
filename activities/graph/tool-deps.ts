import { sharedVinDecoder } from '../../lib/vin'
import type { ToolDeps } from '../tools'
import type { GraphDeps } from './deps'

/** What the crew's tools get from the graph's dependencies. */
export function toolDepsOf(deps: GraphDeps): ToolDeps {
  return {
    db: deps.db,
    timeZone: deps.timeZone,
    now: deps.now,
    vinDecoder: deps.vinDecoder ?? sharedVinDecoder,
  }
}
