/** The data and answer shapes of the offline language understanding (see understand.ts). */
import type { Intent } from '../../domain/call-state'

/** What the dealership offers, as plain data: the module never reads a database itself. */
export interface NluCatalog {
  /** From service_types: the canonical name and the words callers use for it. */
  services: { name: string; synonyms: string[] }[]
  /** The inventory; `available: false` means sold or on hold. */
  vehicles: { id: number; year: number; make: string; model: string; trim: string; available: boolean }[]
  /** Staff first names, so "I spoke with Maria" is not taken for the caller's name. */
  agentNames?: string[]
}

/** What the agent just asked for (kept in the call's dialog); `null` when it asked nothing specific. */
export type { Expectation } from '../../domain/call-state'
import type { Expectation } from '../../domain/call-state'

export interface NluContext {
  catalog: NluCatalog
  /** IANA zone of the dealership; every date and time in the answer is local to it. */
  timeZone: string
  /** The instant "tomorrow" and "Friday" are relative to. */
  now: Date
  expecting: Expectation
}

export interface UnderstandingSlots {
  appointmentType?: 'service' | 'test_drive'
  /** Canonical service name from the catalog. */
  serviceType?: string
  /**
   * "Toyota RAV4", "Toyota" or "2024 Honda Civic". For the caller's own car ("my Camry") it is the car
   * to service.
   */
  vehicleInterest?: string
  /** Set when exactly one available vehicle in stock matches (never for the caller's own car). */
  inventoryVehicleId?: number
  /** YYYY-MM-DD in the dealership's time zone. */
  date?: string
  /** HH:MM, 24h, in the dealership's time zone. */
  time?: string
  timeOfDay?: 'morning' | 'afternoon' | 'evening'
  customerName?: string
  /** E.164. */
  customerPhone?: string
  customerEmail?: string
  /**
   * Which of the offered options the caller picked, 1-based ("the first one" = 1, "option 2" = 2);
   * -1 means "the last one". Only read when expecting 'slot_choice'.
   */
  choice?: number
}

export interface Understanding {
  intent: Intent
  /** 0..1, low for guesses. */
  confidence: number
  slots: UnderstandingSlots
  /** The answer to a yes/no question, when the utterance is one. */
  affirmation?: 'yes' | 'no'
  /** "actually make it Thursday", "no, I meant 3pm": `slots` then carry only the corrected values. */
  isCorrection: boolean
  /** An explicit request for a person, a manager or a representative (or a staff member by name). */
  wantsHuman: boolean
  /** 0..1. */
  frustration: number
}
