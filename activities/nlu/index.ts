/** Offline language understanding, used by the agent graph when no LLM is configured. */
export { understand } from './understand'
export type { Expectation, NluCatalog, NluContext, Understanding, UnderstandingSlots } from './types'
