/** Springfield Auto's profile and opening hours. Other seed files quote these so answers never disagree. */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { businessHours, dealership } from '../schema'

export const DEALERSHIP = {
  id: 1,
  name: 'Springfield Auto',
  // 555-01xx numbers are reserved for fiction, so nobody real gets a call from a demo.
  phone: '+12175550100',
  email: 'hello@springfieldauto.example',
  website: 'https://www.springfieldauto.example',
  address: '2800 S Dirksen Pkwy, Springfield, IL 62703',
  timeZone: 'America/Chicago',
} satisfies typeof dealership.$inferInsert

/** The number as people say it: "(217) 555-0100". */
export const DEALERSHIP_PHONE_DISPLAY =
  parsePhoneNumberFromString(DEALERSHIP.phone)?.formatNational() ?? DEALERSHIP.phone

type HoursRow = typeof businessHours.$inferInsert

const WEEKDAYS = [1, 2, 3, 4, 5] as const
const SATURDAY = 6

/** Sunday (0) has no rows: both departments are closed. */
export const BUSINESS_HOURS: HoursRow[] = [
  ...WEEKDAYS.map((weekday): HoursRow => ({
    department: 'service',
    weekday,
    opensAt: '07:00',
    closesAt: '18:00',
  })),
  { department: 'service', weekday: SATURDAY, opensAt: '08:00', closesAt: '14:00' },
  ...WEEKDAYS.map((weekday): HoursRow => ({
    department: 'sales',
    weekday,
    opensAt: '09:00',
    closesAt: '20:00',
  })),
  { department: 'sales', weekday: SATURDAY, opensAt: '09:00', closesAt: '18:00' },
]

/** '07:00' -> '7 a.m.', '18:30' -> '6:30 p.m.' */
function spokenTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const hour12 = h % 12 === 0 ? 12 : h % 12
  return `${hour12}${m ? `:${String(m).padStart(2, '0')}` : ''} ${h < 12 ? 'a.m.' : 'p.m.'}`
}

/** "Monday to Friday 7 a.m. to 6 p.m., Saturday 8 a.m. to 2 p.m., closed Sunday", from BUSINESS_HOURS. */
export function hoursText(department: HoursRow['department']): string {
  const rows = BUSINESS_HOURS.filter((r) => r.department === department)
  const span = (weekday: number) => {
    const row = rows.find((r) => r.weekday === weekday)
    return row ? `${spokenTime(row.opensAt)} to ${spokenTime(row.closesAt)}` : 'closed'
  }
  return `Monday to Friday ${span(1)}, Saturday ${span(SATURDAY)}, closed Sunday`
}
