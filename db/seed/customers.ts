/**
 * Known customers, so a caller can be recognized by phone. Numbers are in the 555-0100..0199 block,
 * which is reserved for fiction; emails use example.com.
 */
import type { customers, customerVehicles } from '../schema'

export type SeedCustomer = Omit<typeof customers.$inferInsert, 'id' | 'createdAt'> & {
  vehicles: Omit<typeof customerVehicles.$inferInsert, 'id' | 'customerId'>[]
}

export const CUSTOMERS: SeedCustomer[] = [
  {
    name: 'Michael Johnson',
    phone: '+12175550101',
    email: 'michael.johnson@example.com',
    vehicles: [{ year: 2019, make: 'Toyota', model: 'Camry', vin: '4T1B11HKXKU831742', mileage: 64210 }],
  },
  {
    name: 'Jennifer Martinez',
    phone: '+12175550102',
    email: 'jen.martinez@example.com',
    vehicles: [
      { year: 2021, make: 'Honda', model: 'CR-V', vin: '7FARW2H83ME004518', mileage: 38900 },
      { year: 2015, make: 'Honda', model: 'Odyssey' },
    ],
  },
  {
    name: 'David Williams',
    phone: '+12175550103',
    email: 'dwilliams@example.com',
    vehicles: [{ year: 2018, make: 'Ford', model: 'F-150', vin: '1FTEW1EG3JFB90214', mileage: 91350 }],
  },
  {
    name: 'Sarah Kowalski',
    phone: '+12175550104',
    email: 'sarah.kowalski@example.com',
    vehicles: [{ year: 2022, make: 'Subaru', model: 'Forester', vin: 'JF2SKAEC3NH418803', mileage: 27600 }],
  },
  {
    name: 'Robert Brown',
    phone: '+12175550105',
    email: 'rbrown@example.com',
    vehicles: [
      { year: 2020, make: 'Chevrolet', model: 'Silverado 1500', mileage: 58000 },
      { year: 2017, make: 'Chevrolet', model: 'Malibu' },
    ],
  },
  {
    name: 'Emily Chen',
    phone: '+12175550106',
    email: 'emily.chen@example.com',
    vehicles: [{ year: 2023, make: 'Tesla', model: 'Model Y', vin: '7SAYGDEE4PF620147', mileage: 18400 }],
  },
  {
    name: 'James Wilson',
    phone: '+12175550107',
    email: 'jwilson@example.com',
    vehicles: [{ year: 2016, make: 'Hyundai', model: 'Sonata', vin: '5NPE24AF9GH367129', mileage: 112800 }],
  },
  {
    name: 'Linda Davis',
    phone: '+12175550108',
    email: 'linda.davis@example.com',
    vehicles: [
      { year: 2024, make: 'Toyota', model: 'RAV4 Hybrid', mileage: 9800 },
      { year: 2012, make: 'Toyota', model: 'Corolla' },
    ],
  },
  {
    name: 'Christopher Lee',
    phone: '+12175550109',
    email: 'chris.lee@example.com',
    vehicles: [{ year: 2022, make: 'Hyundai', model: 'Ioniq 5', vin: 'KM8KNDAF9NU051996', mileage: 22300 }],
  },
  {
    name: 'Patricia Nguyen',
    phone: '+12175550110',
    email: 'patricia.nguyen@example.com',
    vehicles: [{ year: 2019, make: 'Honda', model: 'Accord', vin: '1HGCV1F37KA045862', mileage: 57100 }],
  },
  {
    name: 'Daniel Anderson',
    phone: '+12175550111',
    email: 'dan.anderson@example.com',
    vehicles: [
      { year: 2021, make: 'Ford', model: 'Mustang Mach-E', vin: '3FMTK3SU4MMA11607', mileage: 33050 },
    ],
  },
  {
    name: 'Angela Robinson',
    phone: '+12175550112',
    email: 'angela.robinson@example.com',
    vehicles: [
      { year: 2017, make: 'Subaru', model: 'Outback', vin: '4S4BSAFC4H3246310', mileage: 96700 },
      { year: 2020, make: 'Chevrolet', model: 'Equinox' },
    ],
  },
  {
    name: "Kevin O'Brien",
    phone: '+12175550113',
    email: 'kobrien@example.com',
    vehicles: [{ year: 2014, make: 'Toyota', model: 'Tacoma', mileage: 148000 }],
  },
  {
    // Some callers never gave an email; the agents must cope with that.
    name: 'Maria Garcia',
    phone: '+12175550114',
    email: null,
    vehicles: [{ year: 2018, make: 'Nissan', model: 'Altima' }],
  },
]
