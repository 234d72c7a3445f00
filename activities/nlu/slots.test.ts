/** Services, vehicles, names and contact details, checked against the seeded catalog itself. */
import { describe, expect, it } from 'vitest'
import { INVENTORY } from '../../db/seed/inventory'
import { SERVICES } from '../../db/seed/services'
import { understand } from './index'
import { contextAt, SEED_CATALOG, seedVehicleId } from './test-catalog'
import type { Expectation } from './types'

const NOW = '2026-03-06T03:30:00Z'
const slotsOf = (text: string, expecting: Expectation = null) =>
  understand(text, contextAt(NOW, expecting)).slots

describe('services', () => {
  it('maps every seeded service name and synonym to its service', () => {
    for (const service of SERVICES) {
      for (const phrase of [service.name, ...(service.synonyms ?? [])]) {
        expect(slotsOf(phrase, 'service_type').serviceType, phrase).toBe(service.name)
      }
    }
  })

  it.each([
    ['can you get my brakes checked', 'Brake Inspection'],
    ['I need the oil and filter done', 'Oil Change'],
    ['rotate my tires please', 'Tire Rotation'],
    ["the AC isn't blowing cold", 'A/C Service'],
    ['my breaks are squeaky', 'Brake Inspection'],
    ['I need an allignment', 'Wheel Alignment'],
    ['my transmision is slipping', 'Transmission Service'],
    ['oil changes', 'Oil Change'],
    ['state inspection', 'State Inspection'],
    ['a multi point inspection', 'Multi-Point Inspection'],
    ['my check engine light came on', 'Diagnostic'],
    ['my Tesla battery is losing range', 'EV Battery Health Check'],
    ['my car is overheating', 'Coolant Flush'],
    ['I need four new tires mounted', 'Tire Mount and Balance'],
  ])('%s -> %s', (text, service) => {
    expect(slotsOf(text).serviceType).toBe(service)
  })

  it('prefers the most specific service', () => {
    expect(slotsOf('I need a brake inspection').serviceType).toBe('Brake Inspection')
    expect(slotsOf('I need an inspection').serviceType).toBe('Multi-Point Inspection')
    expect(slotsOf('my hybrid battery').serviceType).toBe('EV Battery Health Check')
  })

  it('does not find services in everyday words', () => {
    expect(slotsOf('what is my loan balance').serviceType).toBeUndefined()
    expect(slotsOf('I need a break').serviceType).toBeUndefined()
    expect(slotsOf('can you check if Maria is in').serviceType).toBeUndefined()
  })
})

describe('vehicles', () => {
  it('finds each available vehicle from its year, make, model and trim', () => {
    INVENTORY.forEach((v, i) => {
      if (v.available === false) return
      const said = `the ${v.year} ${v.make} ${v.model} ${v.trim}`
      expect(slotsOf(said, 'vehicle').inventoryVehicleId, said).toBe(i + 1)
    })
  })

  it.each([
    ['a Toyota', 'Toyota', undefined],
    ['the RAV4', 'Toyota RAV4', undefined],
    ['2024 Civic', '2024 Honda Civic', undefined],
    ['the 2017 Civic', '2017 Honda Civic', 'U17309'],
    ['Model 3', 'Tesla Model 3', 'U22301'],
    // The 2019 F-150 is sold, so one F-150 is left.
    ['F-150', 'Ford F-150', 'N25110'],
    ['F150', 'Ford F-150', 'N25110'],
    ['an f 150', 'Ford F-150', 'N25110'],
    ['the rav 4 prime', 'Toyota RAV4 Prime', 'U22312'],
    ['the CR-V', 'Honda CR-V', undefined],
    ['a chevy', 'Chevrolet', undefined],
    ['the Ram 1500', 'Ram 1500', 'U20308'],
    ['a Jeep Wrangler', 'Jeep Wrangler', 'U21307'],
    ['toyotas', 'Toyota', undefined],
    ['the Corola', 'Toyota Corolla', 'N25102'],
    ['a Kia', 'Kia', undefined],
  ])('%s -> %s', (text, interest, stock) => {
    const slots = slotsOf(text, 'vehicle')
    expect(slots.vehicleInterest).toBe(interest)
    expect(slots.inventoryVehicleId).toBe(stock ? seedVehicleId(stock) : undefined)
  })

  it('gives no stock id for a sold vehicle', () => {
    const slots = slotsOf('the Highlander', 'vehicle')
    expect(slots.vehicleInterest).toBe('Toyota Highlander')
    expect(slots.inventoryVehicleId).toBeUndefined()
  })

  it("tells the caller's own car from the one they want", () => {
    expect(slotsOf('I have a Toyota').inventoryVehicleId).toBeUndefined()
    expect(slotsOf('my Model 3 needs an alignment').inventoryVehicleId).toBeUndefined()
    const trade = slotsOf('I want to trade my Civic for the Model 3')
    expect(trade.vehicleInterest).toBe('Tesla Model 3')
    expect(trade.inventoryVehicleId).toBe(seedVehicleId('U22301'))
  })

  it('does not see vehicles in everyday words', () => {
    expect(slotsOf('there is a bolt loose under the hood').vehicleInterest).toBeUndefined()
    expect(slotsOf('I need to escape early today').vehicleInterest).toBeUndefined()
    expect(slotsOf('can you carry my tires in').vehicleInterest).toBeUndefined()
  })
})

describe('names', () => {
  it.each([
    ['my name is Jane Doe', 'Jane Doe'],
    ['my name is jane doe', 'Jane Doe'],
    ['this is Bob', 'Bob'],
    ["it's Maria Garcia", 'Maria Garcia'],
    ["Hi, I'm Jane, I need an oil change", 'Jane'],
    ['this is Bob from State Farm calling', 'Bob'],
    ['Kevin speaking', 'Kevin'],
    ["name's Pat O'Brien", "Pat O'Brien"],
    ['call me Will', 'Will'],
  ])('%s -> %s', (text, name) => {
    expect(slotsOf(text).customerName).toBe(name)
  })

  it.each([
    ['John Smith', 'John Smith'],
    ['sure, it is Bob Jones', 'Bob Jones'],
    ['smith', 'Smith'],
    ['yeah, DeShawn Williams, thanks', 'DeShawn Williams'],
  ])('a bare "%s" when a name was asked for', (text, name) => {
    expect(slotsOf(text, 'name').customerName).toBe(name)
  })

  it.each([
    'this is ridiculous',
    "I'm calling about my car",
    "it's making a noise",
    "i'm stranded on the highway",
    "I'm looking for a Camry",
    "it's Thursday",
    'this is Maria',
    'John Smith',
  ])('no name in "%s" (not asked for one)', (text) => {
    expect(slotsOf(text).customerName).toBeUndefined()
  })

  it('a bare answer that is not a name is not taken for one', () => {
    expect(slotsOf("I'd rather not say", 'name').customerName).toBeUndefined()
    expect(slotsOf('yes', 'name').customerName).toBeUndefined()
  })
})

describe('phone numbers and e-mail', () => {
  it.each([
    ['my number is 217 555 0199', '+12175550199'],
    ['call me at (217) 555-0142', '+12175550142'],
    ['217.555.0142', '+12175550142'],
    ['+1 217 555 0142', '+12175550142'],
    ['1-217-555-0142', '+12175550142'],
  ])('%s', (text, phone) => {
    expect(slotsOf(text).customerPhone).toBe(phone)
  })

  it('reads bare and spoken digits when a phone number was asked for', () => {
    expect(slotsOf('2175550123', 'phone').customerPhone).toBe('+12175550123')
    expect(slotsOf('two one seven, five five five, oh one two three', 'phone').customerPhone).toBe(
      '+12175550123',
    )
    expect(slotsOf('two one seven five five five oh one two three').customerPhone).toBeUndefined()
  })

  it('does not take other digits for a phone number', () => {
    expect(slotsOf('VIN 1HGCY2F70SA027719').customerPhone).toBeUndefined()
    expect(slotsOf('555-0123', 'phone').customerPhone).toBeUndefined()
  })

  it('finds e-mail addresses, written or spelled out', () => {
    expect(slotsOf('my email is Jane.Doe@Example.com thanks').customerEmail).toBe('jane.doe@example.com')
    expect(slotsOf('jane dot doe at gmail dot com', 'email').customerEmail).toBe('jane.doe@gmail.com')
  })
})

it('uses the catalog it is given, not a built-in one', () => {
  const ctx = {
    ...contextAt(NOW),
    catalog: { ...SEED_CATALOG, services: [{ name: 'Detailing', synonyms: ['wash'] }] },
  }
  expect(understand('can you wash my car tomorrow', ctx).slots.serviceType).toBe('Detailing')
  expect(understand('I need an oil change', ctx).slots.serviceType).toBeUndefined()
})
