/**
 * pitcrew against the Temporal floor, measured side by side in the same run: one call (sequential
 * turns) and saturation (20 closed-loop callers), each figure taken on the floor right before
 * pitcrew's, so both see the same machine load.
 */
import { measureClosedLoop, type ClosedLoop } from '../closed-loop'
import { ms } from '../stats'

type Shape = Omit<ClosedLoop, 'firstDate' | 'firstCaller'>

/** 200 turns in 10 calls of 20: enough for a p99 that is not just the slowest turn. */
const ONE_CALL: Shape = { callers: 1, turns: 20, rounds: 10 }
/** What the voice worker asks for: the reply without the transcript read back (docs/performance.md). */
const MINIMAL: Shape = { callers: 1, turns: 20, rounds: 5, headers: { prefer: 'return=minimal' } }
const SATURATION: Shape = { callers: 20, turns: 20 }
const WARM_UP: Shape = { callers: 20, turns: 3 }

export const FLOOR_TABLE_HEADER = [
  '| database | measure | floor | pitcrew | pitcrew / floor | target | met |',
  '| --- | --- | --- | --- | --- | --- | --- |',
].join('\n')

/** Markdown rows for one database. Callers are numbered from `firstCaller` (names, booking dates). */
export async function compareWithFloor(
  driver: string,
  urls: { floor: string; pitcrew: string },
  firstDate: string,
  firstCaller: number,
): Promise<string[]> {
  let next = firstCaller
  const run = (url: string, shape: Shape) => {
    const o = { ...shape, firstDate, firstCaller: next }
    next += (shape.rounds ?? 1) * shape.callers
    return measureClosedLoop(url, o)
  }
  // Bundles, caches, connections and the first workflow tasks, on both sides.
  await run(urls.floor, WARM_UP)
  await run(urls.pitcrew, WARM_UP)
  const floorOne = await run(urls.floor, ONE_CALL)
  const pitcrewOne = await run(urls.pitcrew, ONE_CALL)
  const pitcrewMinimal = await run(urls.pitcrew, MINIMAL)
  const floorSat = await run(urls.floor, SATURATION)
  const pitcrewSat = await run(urls.pitcrew, SATURATION)

  const row = (measure: string, floor: number, pitcrew: number, target?: { max?: number; min?: number }) => {
    const ratio = pitcrew / floor
    const met = !target
      ? '—'
      : (target.max === undefined || ratio <= target.max) && (target.min === undefined || ratio >= target.min)
        ? 'yes'
        : '**no**'
    const goal =
      target?.max !== undefined ? `≤ ${target.max}` : target?.min !== undefined ? `≥ ${target.min}` : '—'
    return `| ${driver} | ${measure} | ${ms(floor)} | ${ms(pitcrew)} | ${ratio.toFixed(2)} | ${goal} | ${met} |`
  }
  return [
    row(`1 call, p50 ms (${pitcrewOne.n} turns)`, floorOne.p50, pitcrewOne.p50, { max: 1.5 }),
    row('1 call, p99 ms', floorOne.p99, pitcrewOne.p99, { max: 1.5 }),
    row('1 call, p50 ms, `Prefer: return=minimal`', floorOne.p50, pitcrewMinimal.p50),
    row(`20 callers, turns/s (${pitcrewSat.n} turns)`, floorSat.turnsPerSecond, pitcrewSat.turnsPerSecond, {
      min: 0.6,
    }),
    row('20 callers, p50 ms', floorSat.p50, pitcrewSat.p50),
    row('20 callers, p99 ms', floorSat.p99, pitcrewSat.p99),
  ]
}
