import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * Normalizes a phone number to E.164 (+1 is the default country), or returns null when it is not a
 * plausible number. "(217) 555-0142", "217.555.0142" and "+1 217 555 0142" all become "+12175550142".
 */
export function normalizePhone(input: string, defaultCountry: 'US' = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry)
  if (!parsed || !parsed.isPossible()) return null
  return parsed.number
}
