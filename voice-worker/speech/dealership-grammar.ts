/**
 * A JSGF grammar of what callers say to a dealership, built from the dealership's own data
 * (services, makes, models) plus days, times and common requests. Pocketsphinx with this grammar
 * recognizes sentences of this shape and nothing else (a bag of words does not work: it turns
 * synthesized "I need an oil change tomorrow morning" into noise). A demo/test engine, not general
 * speech recognition.
 */

export interface DealershipVocabulary {
  services: string[]
  /** The makes and models the dealership sells or services. */
  vehicles: { make: string; model: string }[]
}

const OPENERS = [
  'i need',
  "i'd like",
  'i want',
  'i would like',
  'can i get',
  'can i book',
  'i want to book',
  'i need to schedule',
  'i need to book',
  "i'd like to book",
  "i'd like to schedule",
  'book',
  'schedule',
  'do you have',
  'how much is',
  'how much for',
  'i want to cancel',
  'i need to reschedule',
  'cancel',
  'reschedule',
]
const ARTICLES = ['a', 'an', 'the', 'my']
const THINGS = [
  'appointment',
  'service',
  'service appointment',
  'car',
  'truck',
  'vehicle',
  'check engine light',
  'battery',
  'tires',
  'brakes',
]
const DAYS = [
  'today',
  'tomorrow',
  'day after tomorrow',
  'this week',
  'next week',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'next monday',
  'next tuesday',
  'next wednesday',
  'next thursday',
  'next friday',
  'next saturday',
]
const DAY_PARTS = ['morning', 'afternoon', 'evening']
const HOURS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'noon',
]
const MINUTES = ['fifteen', 'thirty', 'forty five', "o'clock", 'a m', 'p m']
const ANSWERS = [
  'yes',
  'yeah',
  'yes please',
  'no',
  'no thanks',
  'that works',
  'sounds good',
  'perfect',
  'okay',
  'the first one',
  'the second one',
  'the third one',
  'the earliest',
  'the earliest one',
  'thank you',
  'thanks',
  'goodbye',
  'bye',
  'hello',
  'hi',
]
const QUESTIONS = [
  'what are your hours',
  'when are you open',
  'are you open',
  'where are you located',
  'what is your address',
  'do you offer financing',
  'can i lease',
  'do you take trade ins',
  'talk to a person',
  'i want to talk to a person',
  'can i speak to someone',
  'a real person',
  'representative',
  'manager',
]

/**
 * What a spoken VIN is said with offline: digit words and the phonetic alphabet (domain/vin.ts reads
 * them back; typed and cloud-recognized VINs may use plain letters too). India, Oscar and Quebec are
 * left out: a VIN never has I, O or Q ("oh" is kept: people say it for zero).
 */
const VIN_DIGITS = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const VIN_PHONETIC = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'juliet',
  'kilo',
  'lima',
  'mike',
  'november',
  'papa',
  'romeo',
  'sierra',
  'tango',
  'uniform',
  'victor',
  'whiskey',
  'x-ray',
  'yankee',
  'zulu',
]
// "VIN" is said as a word or spelled out (espeak-ng spells it).
const VIN_INTROS = [
  'my vin is',
  'the vin is',
  'my vin number is',
  'vin',
  'my v i n is',
  'the v i n is',
  'v i n',
  'it is',
  "it's",
  'the number is',
]
/** A spoken VIN is exactly 17 symbols: fixing the count keeps short answers ("yes") from matching it. */
const VIN_SYMBOLS = 17
const repeat = (symbol: string) => Array(VIN_SYMBOLS).fill(symbol).join(' ')

/**
 * Lowercase words of a name ("CR-V Hybrid" -> "cr v hybrid"); '' for a name with digits ("Model 3",
 * "F-150"), which would need spelled-out numbers: better absent than shortened to a common word.
 */
const spoken = (phrase: string) =>
  /\d/.test(phrase)
    ? ''
    : phrase
        .toLowerCase()
        .split(/[^a-z']+/)
        .filter(Boolean)
        .join(' ')

/**
 * The grammar text. Phrases with a word that `isKnownWord` rejects (not in the recognizer's
 * pronouncing dictionary, e.g. "F-150") are left out rather than failing the whole grammar.
 */
export function buildDealershipGrammar(
  vocabulary: DealershipVocabulary,
  isKnownWord: (word: string) => boolean,
): string {
  const rule = (name: string, phrases: string[]) => {
    const usable = [...new Set(phrases.map(spoken))].filter(
      (p) => p !== '' && p.split(' ').every(isKnownWord),
    )
    return `<${name}> = ${usable.sort().join(' | ')};`
  }
  const vehicles = vocabulary.vehicles.flatMap((v) => [v.make, v.model, `${v.make} ${v.model}`])
  return [
    '#JSGF V1.0;',
    'grammar dealership;',
    'public <utterance> = <sentence> [please];',
    // Vehicles only where a caller names one (a test drive, "for my Honda Civic", the name alone):
    // allowed everywhere, their many names outvote the services on noisy audio.
    '<sentence> = [<opener>] [<article>] <thing> [for <article> <vehicle>] [<when>] | <test-drive> [<when>] | [<opener>] [<article>] <vehicle> | <when> | <answer> | <question> | <vin>;',
    '<test-drive> = [<opener>] [<article>] test drive [(of | in | for) [<article>] <vehicle>];',
    '<when> = [on] <day> [[in the] <part>] [at <time>] | [in the] <part> | at <time>;',
    '<time> = <hour> [<minutes>];',
    rule('opener', OPENERS),
    rule('article', ARTICLES),
    rule('thing', [...THINGS, ...vocabulary.services]),
    rule('vehicle', vehicles),
    rule('day', DAYS),
    rule('part', DAY_PARTS),
    rule('hour', HOURS),
    rule('minutes', MINUTES),
    rule('answer', ANSWERS),
    rule('question', QUESTIONS),
    // The phonetic alphabet only: single letters ("h g c") as a rule of their own turn ordinary
    // sentences into strings of letters on synthesized audio ("i need an oil change" -> "oh n e e r"),
    // and were heard right for about a quarter of the characters (bench/spoken-vin.ts).
    `<vin> = [<vin-intro>] ${repeat('<vin-symbol>')};`,
    rule('vin-intro', VIN_INTROS),
    // Single words as the dictionary spells them ("x-ray"), so not through rule()'s spoken().
    `<vin-symbol> = ${[...VIN_DIGITS, ...VIN_PHONETIC].filter(isKnownWord).join(' | ')};`,
    '',
  ].join('\n')
}
