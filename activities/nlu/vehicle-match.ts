/**
 * Finds the vehicle a caller talks about in the inventory's makes and models: "a Toyota", "the RAV4",
 * "2024 Civic", "Model 3", "F-150"/"F150", "rav 4", plurals and small typos. Tells the caller's own
 * car ("my Camry", "I have a Toyota") from the one they are interested in.
 */
import { COMMON_WORDS } from './common-words'
import { editDistance, isCasedText, tokenize, typoAllowance, type Token } from './text'
import type { NluCatalog } from './types'

/** Brands callers name that may not be on the lot today; the answer can still say "we have none". */
const OTHER_MAKES = [
  'Nissan', 'Kia', 'Mazda', 'Volkswagen', 'BMW', 'Mercedes-Benz', 'Audi', 'Lexus', 'Acura', 'Infiniti',
  'Dodge', 'Jeep', 'Ram', 'Chrysler', 'GMC', 'Buick', 'Cadillac', 'Lincoln', 'Tesla', 'Volvo', 'Mitsubishi',
  'Porsche', 'Genesis', 'Mini', 'Rivian',
] // prettier-ignore
const MAKE_ALIASES: Record<string, string> = {
  chevy: 'Chevrolet',
  vw: 'Volkswagen',
  mercedes: 'Mercedes-Benz',
  benz: 'Mercedes-Benz',
}

/** Trailing words that name a variant: "RAV4 Hybrid" is also "the RAV4", "Silverado 1500" "the Silverado". */
const VARIANT_WORDS = new Set(['hybrid', 'ev', 'prime', 'sport', 'unlimited', '1500', 'phev', 'plug-in'])
/** Model names that are everyday words: they need a make, a year or a capital letter to count. */
const EVERYDAY_WORDS = new Set(
  `escape pilot bolt accord ram edge ranger focus fit rogue
    legacy passport journey compass frontier ascent odyssey mini genesis`.split(/\s+/),
)

const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

interface ModelAlias {
  make: string
  label: string
  models: Set<string>
  /** "1500" alone means nothing; "Ram 1500" does. */
  needsMake: boolean
  everyday: boolean
}

export interface CompiledVehicles {
  models: Map<string, ModelAlias[]>
  makes: Map<string, string>
  vehicles: NluCatalog['vehicles']
  /** Every make/model word, so a name extractor can tell "Camry" is not a person. */
  vocabulary: Set<string>
  /** Memo of misspelling lookups (word -> make or model keys within a typo), bounded. */
  fuzzy: Map<string, { makes: string[]; models: string[] }>
}

const MAX_FUZZY = 5000

export function compileVehicles(vehicles: NluCatalog['vehicles']): CompiledVehicles {
  const models = new Map<string, ModelAlias[]>()
  const makes = new Map<string, string>()
  const vocabulary = new Set<string>()
  const addAlias = (key: string, make: string, label: string, model: string) => {
    if (!key) return
    const list = models.get(key) ?? []
    let alias = list.find((a) => a.make === make)
    if (!alias) {
      const everyday = EVERYDAY_WORDS.has(key)
      alias = { make, label, models: new Set(), needsMake: /^\d+$/.test(key), everyday }
      list.push(alias)
      models.set(key, list)
    }
    alias.models.add(model)
  }
  for (const make of OTHER_MAKES) makes.set(compact(make), make)
  for (const [alias, make] of Object.entries(MAKE_ALIASES)) makes.set(alias, make)
  for (const v of vehicles) {
    makes.set(compact(v.make), v.make)
    const words = v.model.split(/\s+/)
    addAlias(compact(v.model), v.make, v.model, v.model)
    while (words.length > 1 && VARIANT_WORDS.has((words.at(-1) ?? '').toLowerCase())) {
      words.pop()
      addAlias(compact(words.join(' ')), v.make, words.join(' '), v.model)
    }
    // "Mustang Mach-E" is usually just "the Mach-E".
    if (/-/.test(v.model)) addAlias(compact(v.model.split(' ').at(-1) ?? ''), v.make, v.model, v.model)
  }
  for (const key of [...models.keys(), ...makes.keys()]) vocabulary.add(key)
  for (const v of vehicles) for (const t of tokenize(`${v.make} ${v.model}`)) vocabulary.add(t.word)
  return { models, makes, vehicles, vocabulary, fuzzy: new Map() }
}

interface Mention {
  make: string
  alias?: ModelAlias
  year?: number
  start: number
  end: number
  /** Index of the token after the mention, for trim words ("Outback Limited"). */
  next: number
  owned: boolean
}

export interface VehicleMatch {
  vehicleInterest: string
  inventoryVehicleId?: number
  /** The caller's own car: service context, never a test drive. */
  owned: boolean
  /** Where every vehicle mention sits, so dates and phone numbers do not read "2024" or "150". */
  spans: { start: number; end: number }[]
}

const OWNERS =
  "my|our|mine|his|her|their|i have|i've got|i got|i own|i drive|we have|we own|i bought|i'm driving|i lease"
const OWNED_BEFORE = new RegExp(String.raw`\b(?:${OWNERS})\s+((?:[\w']+\s+){0,2})$`)
const NOT_OWNED_GAP = /\b(?:for|to|than|instead|or|and|but|with|like|want|buy)\b/
// "can I drive the Model 3" asks for a test drive; "I drive a Camry" owns one.
const MODAL_BEFORE_I =
  /\b(?:can|could|may|might|would|will|should|to|if|let me|do)\s+i\s+\w+\s+(?:[\w']+\s+){0,2}$/

/** The vehicle of interest in `text` (the first one not owned, else the owned one), or null. */
export function matchVehicle(text: string, compiled: CompiledVehicles): VehicleMatch | null {
  const tokens = tokenize(text)
  const cased = isCasedText(text)
  const mentions: Mention[] = []
  for (let i = 0; i < tokens.length;) {
    const found = mentionAt(tokens, i, compiled, text, cased)
    if (!found) {
      i++
      continue
    }
    const before = text.slice(Math.max(0, found.start - 40), found.start).toLowerCase()
    const owned = OWNED_BEFORE.exec(before)
    found.owned = owned !== null && !NOT_OWNED_GAP.test(owned[1] ?? '') && !MODAL_BEFORE_I.test(before)
    mentions.push(found)
    i = found.next
  }
  const pick = mentions.find((m) => !m.owned) ?? mentions[0]
  if (!pick) return null
  const label = [pick.year, pick.make, pick.alias?.label].filter((p) => p !== undefined).join(' ')
  const result: VehicleMatch = { vehicleInterest: label, owned: pick.owned, spans: mentions }
  if (!pick.owned) {
    const id = singleInStock(pick, tokens, compiled.vehicles)
    if (id !== undefined) result.inventoryVehicleId = id
  }
  return result
}

function mentionAt(
  tokens: Token[],
  i: number,
  compiled: CompiledVehicles,
  text: string,
  cased: boolean,
): Mention | null {
  const first = tokens[i]
  if (!first) return null
  const yearOf = (t: Token | undefined) =>
    t && /^(19[89]\d|20[0-4]\d)$/.test(t.word) ? Number(t.word) : undefined
  const year = yearOf(first)
  const at = year === undefined ? i : i + 1
  const make = lookupMake(tokens, at, compiled)
  const modelAt = make ? make.next : at
  const model = lookupModel(tokens, modelAt, compiled, make?.make)
  if (!make && !model) return null
  if (model && !make) {
    const word = tokens[modelAt]
    const capitalized = word !== undefined && cased && /^[A-Z]/.test(text.slice(word.start))
    if (model.alias.needsMake) return null
    if (model.alias.everyday && year === undefined && !capitalized) return null
  }
  const end = tokens[(model?.next ?? make?.next ?? at) - 1]?.end ?? first.end
  const mention: Mention = {
    make: model?.alias.make ?? make?.make ?? '',
    start: first.start,
    end,
    next: model?.next ?? make?.next ?? at + 1,
    owned: false,
  }
  if (model) mention.alias = model.alias
  if (year !== undefined) mention.year = year
  return mention
}

/** Joins up to `n` tokens from `at`: "f", "150" -> "f150"; "model", "3" -> "model3". */
function* grams(tokens: Token[], at: number): Generator<{ key: string; next: number }> {
  for (let n = 3; n >= 1; n--) {
    const slice = tokens.slice(at, at + n)
    if (slice.length < n) continue
    const key = slice.map((t) => t.word).join('')
    yield { key, next: at + n }
    // Plurals: "toyotas", "rav4s", "f150s".
    if (key.length > 3 && key.endsWith('s')) yield { key: key.slice(0, -1), next: at + n }
  }
}

function lookupMake(tokens: Token[], at: number, compiled: CompiledVehicles) {
  for (const { key, next } of grams(tokens, at)) {
    const make = compiled.makes.get(key)
    if (make) return { make, next }
  }
  const key = fuzzyKeys(tokens[at], compiled)?.makes[0]
  const make = key === undefined ? undefined : compiled.makes.get(key)
  return make ? { make, next: at + 1 } : null
}

function lookupModel(tokens: Token[], at: number, compiled: CompiledVehicles, make: string | undefined) {
  const choose = (list: ModelAlias[] | undefined) => list?.find((a) => make === undefined || a.make === make)
  for (const { key, next } of grams(tokens, at)) {
    const alias = choose(compiled.models.get(key))
    if (alias) return { alias, next }
  }
  for (const key of fuzzyKeys(tokens[at], compiled)?.models ?? []) {
    const alias = choose(compiled.models.get(key))
    if (alias && !alias.everyday) return { alias, next: at + 1 }
  }
  return null
}

/**
 * The make and model keys a misspelt word may stand for ("toyata", "camery"). Only letter words that
 * are not everyday words are considered: "carry" is not "Camry".
 */
function fuzzyKeys(token: Token | undefined, compiled: CompiledVehicles) {
  const word = token?.word
  if (!word || !/^[a-z]+$/.test(word) || COMMON_WORDS.has(word)) return null
  const known = compiled.fuzzy.get(word)
  if (known) return known
  const near = (key: string) => {
    const allowance = Math.min(typoAllowance(word.length), typoAllowance(key.length))
    return allowance > 0 && /^[a-z]+$/.test(key) && editDistance(word, key, allowance) <= allowance
  }
  const found = {
    makes: [...compiled.makes.keys()].filter(near),
    models: [...compiled.models.keys()].filter(near),
  }
  if (compiled.fuzzy.size >= MAX_FUZZY) compiled.fuzzy.clear()
  compiled.fuzzy.set(word, found)
  return found
}

/** The id of the one available vehicle the mention (with any trim words after it) points at. */
function singleInStock(m: Mention, tokens: Token[], vehicles: NluCatalog['vehicles']): number | undefined {
  let candidates = vehicles.filter(
    (v) =>
      v.available &&
      v.make === m.make &&
      (m.alias === undefined || m.alias.models.has(v.model)) &&
      (m.year === undefined || v.year === m.year),
  )
  for (const t of tokens.slice(m.next, m.next + 2)) {
    const narrowed = candidates.filter((v) => tokenize(v.trim).some((w) => w.word === t.word))
    if (narrowed.length > 0 && /[a-z]{2,}|\d/.test(t.word) && t.word !== 'the') candidates = narrowed
  }
  return candidates.length === 1 ? candidates[0]?.id : undefined
}
