/**
 * Custom search attributes pitcrew sets on its workflows so operators can find a call in the
 * Temporal Web UI (e.g. `CustomerPhone = "+12175550142"`). The dev server registers them at start;
 * against an existing cluster they are registered through the operator service.
 */
export const SEARCH_ATTRIBUTES = {
  CallId: 'Keyword',
  CustomerPhone: 'Keyword',
  Channel: 'Keyword',
  CallStatus: 'Keyword',
  Intent: 'Keyword',
  EscalationStatus: 'Keyword',
  HumanAgent: 'Keyword',
} as const

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES
