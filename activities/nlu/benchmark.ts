/**
 * Micro-benchmark of `understand()` on the seeded catalog (not a test; run by hand):
 *   npx tsx activities/nlu/benchmark.ts
 * Prints the mean and the 99th percentile time per call over a mix of realistic utterances.
 */
import { performance } from 'node:perf_hooks'
import { understand } from './index'
import { contextAt } from './test-catalog'

const UTTERANCES = [
  'What are your hours?',
  'I need an oil change tomorrow',
  'I want to test drive a Toyota',
  "I'm Jane Doe, I need an oil change tomorrow at 9, my number is 217 555 0199",
  'can I drive the Model 3 this weekend',
  'my check engine light is on and the brakes are grinding, can you look at it next Tuesday at 2:30?',
  'actually make it Thursday',
  'I want to speak to someone, this is ridiculous!!!',
  'Do you do oil changes on Saturday?',
  'no, I meant 3pm',
  'Hey there, my AC isnt blowing cold, could someone take a look this week?',
  'this is Bob Miller, bob.miller@example.com, I want to test drive the Outback on the 14th around 10',
]

const base = contextAt('2026-03-06T03:30:00Z')
// A new `now` per call, as on a real call: nothing may be cached across turns by accident.
let tick = 0
const ctx = () => ({ ...base, now: new Date(base.now.getTime() + ++tick * 1000) })
// Warm-up: compiles the catalog once and lets the JIT settle.
for (let i = 0; i < 200; i++) for (const u of UTTERANCES) understand(u, ctx())

const samples: number[] = []
for (let i = 0; i < 500; i++) {
  for (const u of UTTERANCES) {
    const c = ctx()
    const start = performance.now()
    understand(u, c)
    samples.push(performance.now() - start)
  }
}
samples.sort((a, b) => a - b)
const mean = samples.reduce((a, b) => a + b, 0) / samples.length
const p99 = samples[Math.floor(samples.length * 0.99)] ?? NaN
const max = samples.at(-1) ?? NaN
const ms = (n: number) => `${n.toFixed(3)} ms`
console.log(`understand(): ${samples.length} calls, mean ${ms(mean)}, p99 ${ms(p99)}, max ${ms(max)}`)

const cold = performance.now()
understand('I need an oil change tomorrow', { ...base, catalog: { ...base.catalog } })
console.log(`first call with a new catalog object (compiles it): ${(performance.now() - cold).toFixed(3)} ms`)
