/** The service menu. Durations are multiples of 30 minutes because bays are booked in 30-minute units. */
import type { serviceTypes } from '../schema'

type ServiceRow = typeof serviceTypes.$inferInsert

export const SERVICES: ServiceRow[] = [
  {
    name: 'Oil Change',
    description:
      'Full synthetic oil and filter change (up to 5 quarts), fluid top-off, tire pressure check and a multi-point inspection.',
    durationMinutes: 30,
    priceCents: 7495,
    synonyms: [
      'oil',
      'lube',
      'synthetic oil',
      'oil and filter',
      'oil service',
      'lube oil filter',
      'oil light',
    ],
  },
  {
    name: 'Tire Rotation',
    description: 'Rotate all four tires, set pressures to spec and measure tread depth.',
    durationMinutes: 30,
    priceCents: 2995,
    synonyms: ['rotate tires', 'rotation', 'tires rotated', 'tire swap'],
  },
  {
    name: 'Brake Inspection',
    description:
      'Measure pads and rotors, check calipers, hoses and brake fluid, and road-test. The fee is credited toward any brake repair we do.',
    durationMinutes: 60,
    priceCents: 4995,
    synonyms: [
      'brakes',
      'brakes checked',
      'squeaky brakes',
      'brake pads',
      'grinding brakes',
      'brake noise',
      'rotors',
    ],
  },
  {
    name: 'Multi-Point Inspection',
    description:
      'Technician check of tires, brakes, battery, belts, hoses, fluids, lights, wipers and suspension with a written report.',
    durationMinutes: 30,
    priceCents: 3995,
    synonyms: [
      'inspection',
      'checkup',
      'check up',
      'look it over',
      'road trip check',
      'pre-purchase inspection',
    ],
  },
  {
    name: 'Battery Replacement',
    description:
      'Test the battery and charging system and install a new 36-month battery (standard sizes, parts included).',
    durationMinutes: 60,
    priceCents: 18995,
    synonyms: ['battery', 'new battery', 'dead battery', "car won't start", 'battery test', 'jump start'],
  },
  {
    name: 'Wheel Alignment',
    description: 'Four-wheel computer alignment with before-and-after printout.',
    durationMinutes: 60,
    priceCents: 11995,
    synonyms: [
      'alignment',
      'pulls to the left',
      'pulls to the right',
      'steering wheel crooked',
      'front end alignment',
    ],
  },
  {
    name: 'State Inspection',
    description:
      'Safety inspection with a signed report: for a move to a state that requires one, fleet or insurance paperwork, or before buying a used car.',
    durationMinutes: 30,
    priceCents: 3995,
    synonyms: ['safety inspection', 'inspection sticker', 'vin inspection', 'emissions', 'emissions test'],
  },
  {
    name: 'A/C Service',
    description:
      'Check for leaks, evacuate and recharge refrigerant, and check cabin temperatures. Refrigerant included.',
    durationMinutes: 90,
    priceCents: 14995,
    synonyms: ['ac', 'a/c', 'air conditioning', 'ac recharge', 'blowing warm air', 'freon', 'air not cold'],
  },
  {
    name: 'Transmission Service',
    description:
      'Drain and refill or exchange transmission fluid to factory spec, new filter where fitted, and road-test.',
    durationMinutes: 120,
    priceCents: 22995,
    synonyms: [
      'transmission',
      'transmission fluid',
      'trans flush',
      'cvt fluid',
      'slipping gears',
      'hard shifting',
    ],
  },
  {
    name: 'EV Battery Health Check',
    description:
      'High-voltage battery state-of-health report, cell balance, cooling system and charge port inspection for electric and plug-in vehicles.',
    durationMinutes: 60,
    priceCents: 9995,
    synonyms: [
      'ev battery',
      'battery health',
      'range loss',
      'electric car check',
      'hybrid battery',
      'tesla battery',
    ],
  },
  {
    name: 'Diagnostic',
    description:
      'One hour of technician diagnosis for warning lights, noises or drivability problems, credited toward the repair.',
    durationMinutes: 60,
    priceCents: 14995,
    synonyms: [
      'check engine light',
      'warning light',
      'diagnosis',
      'strange noise',
      'running rough',
      'something is wrong',
    ],
  },
  {
    name: 'Tire Mount and Balance',
    description: 'Mount and balance four tires, new valve stems and TPMS reset. Tires sold separately.',
    durationMinutes: 60,
    priceCents: 9995,
    synonyms: [
      'new tires',
      'tire install',
      'balance',
      'wheel balance',
      'tires mounted',
      'vibration at highway speed',
    ],
  },
  {
    name: 'Coolant Flush',
    description:
      'Flush and refill engine coolant with the manufacturer-specified antifreeze and pressure-test the system.',
    durationMinutes: 60,
    priceCents: 13995,
    synonyms: ['coolant', 'antifreeze', 'radiator flush', 'overheating', 'running hot'],
  },
  {
    name: 'Air Filter Replacement',
    description: 'Replace the engine air filter and cabin air filter.',
    durationMinutes: 30,
    priceCents: 7995,
    synonyms: ['air filter', 'cabin filter', 'engine filter', 'musty smell', 'pollen filter'],
  },
  {
    name: 'Recall Service',
    description:
      'Manufacturer safety recall or service campaign repair for the brands we service. Always free; parts availability is checked when booking.',
    durationMinutes: 120,
    priceCents: 0,
    synonyms: ['recall', 'safety recall', 'recall notice', 'campaign', 'airbag recall'],
  },
]

/** "$74.95" — the seeded price of a service, for answers that quote it. */
export function servicePrice(name: string): string {
  const service = SERVICES.find((s) => s.name === name)
  // Throwing at import time turns a renamed service into a failing test instead of a wrong answer.
  if (!service) throw new Error(`servicePrice: no service named ${name}`)
  return `$${(service.priceCents / 100).toFixed(2)}`
}
