/**
 * The Temporal floor for benchmarks (bench/run.ts): the least a turn can cost on this Temporal server
 * and this SDK. A turn is an Update whose handler runs one no-op local activity, as pitcrew's
 * `userTurn` runs its turn as one local activity; whatever pitcrew costs above this is its own work.
 * Bundled for the workflow sandbox on its own, so it imports only `@temporalio/workflow`.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow'

export interface FloorActivities {
  noop(): Promise<void>
}

export const floorTurnUpdate = defineUpdate<{ reply: string }, [{ text: string }]>('floorTurn')

export async function floorWorkflow(): Promise<void> {
  // The same timeout as pitcrew's turn, so the local activity is scheduled the same way.
  const { noop } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '15 seconds' })
  setHandler(floorTurnUpdate, async () => {
    await noop()
    return { reply: 'ok' }
  })
  // Open until the bench's in-memory dev server stops, like a call waiting for its next turn.
  await condition(() => false)
}
