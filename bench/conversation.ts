/** The conversation every benchmark caller has: two FAQs, a full booking, goodbye. */
import { addDays } from '../domain/time'

export function conversation(caller: number, firstDate: string): string[] {
  const date = addDays(firstDate, caller % 10)
  return [
    'What are your hours?',
    'Do you offer financing for bad credit?',
    `I need an oil change on ${date}`,
    'the first one',
    `My name is Bench Caller ${caller}`,
    `217 555 ${String(1000 + (caller % 9000)).padStart(4, '0')}`,
    'yes',
    'thanks, bye',
  ]
}
