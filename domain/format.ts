/** How dates and times are said to customers: "Tuesday, December 2" and "9:30 AM". */
import { weekdayOf } from './time'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

export function sayDate(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number]
  return `${WEEKDAYS[weekdayOf(date)]}, ${MONTHS[m - 1]} ${d}`
}

export function sayTime(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number]
  if (h === 12 && m === 0) return 'noon'
  const hour12 = h % 12 === 0 ? 12 : h % 12
  return `${hour12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`
}

/** "9:00 AM, 9:30 AM or 10:00 AM" — with the day when the options span several days. */
export function sayOptions(options: { date: string; time: string }[]): string {
  const sameDay = options.every((o) => o.date === options[0]?.date)
  const spoken = options.map((o) => (sameDay ? sayTime(o.time) : `${sayDate(o.date)} at ${sayTime(o.time)}`))
  if (spoken.length <= 1) return spoken.join('')
  return `${spoken.slice(0, -1).join(', ')} or ${spoken.at(-1)}`
}

/** "(217) 555-0101" for a +1 number; others as they are. */
export function sayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164
}
