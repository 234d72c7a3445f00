/**
 * The weighted evidence for each intent. A rule adds its weight once when its pattern occurs in the
 * normalized utterance (see text.ts `normalize`); intent.ts adds evidence from the slots and picks the
 * best-scoring intent. Weights: 3.5-4.5 settles it alone, 2-2.5 is strong, 1-1.5 leans, < 1 hints.
 */
import type { Intent } from '../../domain/call-state'
import { anyOf as anyOfList } from './text'

export interface IntentRule {
  intent: Intent
  re: RegExp
  weight: number
  /** Only counts when the caller names a vehicle that is not their own ("try the RAV4"). */
  needsVehicle?: boolean
  /** Says "some appointment" without saying which kind. */
  generic?: boolean
}

const anyOf = (...alternatives: string[]) => anyOfList(alternatives)

const rule = (intent: Intent, weight: number, re: RegExp, extra: Partial<IntentRule> = {}): IntentRule => ({
  intent,
  weight,
  re,
  ...extra,
})

const FAQ: IntentRule[] = [
  rule('faq', 2.5, anyOf(
    'hours', 'what time do you (?:open|close)', "(?:are|is) (?:you|the \\w+(?: department)?) (?:open|closed)",
    'open (?:on|today|tomorrow|late|saturdays?|sundays?|weekends?)', 'closing time',
    'when do you (?:open|close)', 'when are you open',
  )),
  rule('faq', 1, anyOf('open', 'close', 'closed')),
  rule('faq', 2.5, anyOf(
    'where are you',
    "where(?:'s| is) (?:the |your )?(?:dealership|shop|store|service (?:department|center)|showroom)",
    'located', 'location', 'address', 'directions', 'how do i get (?:there|to you)', 'find you', 'parking',
  )),
  rule('faq', 2.5, anyOf(
    'financ\\w*', 'loans?', 'credit (?:score|check|application|history|union)', 'bad credit', 'no credit',
    'apr', 'interest rates?', 'leas(?:e|es|ing)', 'pre-?approv\\w*', 'pre-?qualif\\w*', 'co-?sign\\w*',
    'down payment', 'monthly payments?',
  )),
  rule('faq', 2.5, anyOf(
    'trade[- ]?ins?', 'trading in', 'trade (?:in )?my', 'apprais\\w*',
    "what(?:'s| is) my (?:car|truck) worth", '(?:sell|buy) my (?:car|truck)', 'blue book', 'kbb',
  )),
  rule('faq', 2.5, anyOf(
    'warrant(?:y|ies)', 'covered', 'coverage', 'service contracts?', 'protection plans?',
  )),
  rule('faq', 2.5, anyOf(
    'loaners?', 'courtesy car', 'rental(?: car)?', 'shuttle', 'ride (?:home|to work)',
    'waiting (?:room|area)', 'lounge', 'wi-?fi', 'coffee',
  )),
  rule('faq', 1.2, anyOf(
    'evs?', 'electric(?: vehicles?| cars?)?', 'charging', 'chargers?', 'charge my', 'plug-?in',
  )),
  rule('faq', 1.5, anyOf('parts?', 'accessor(?:y|ies)', 'floor mats', 'wiper blades', 'oem')),
  rule('faq', 1, anyOf('recalls?')),
  rule('faq', 1.5, anyOf(
    'pay', 'paying', 'payment', 'credit cards?', 'debit', 'cash', 'apple pay', 'google pay', 'venmo',
    'do you accept',
  )),
  rule('faq', 2, anyOf(
    'how much', 'price', 'prices', 'pricing', 'cost', 'costs', 'charge for', 'fees?', 'quote', 'estimate',
    'expensive', 'cheap\\w*', 'deals?', 'specials?', 'discounts?', 'coupons?',
  )),
  rule('faq', 1.5, anyOf(
    'in stock', 'inventory', 'on the lot', 'do you (?:have|carry|sell)', 'any (?:new|used)',
  )),
  rule('faq', 1, anyOf('suvs', 'sedans', 'pickups', 'minivans?', 'hatchbacks', 'wagons', 'trucks', 'models')),
  rule('faq', 1.5, anyOf("where(?:'s| is) (?:the|your)", 'entrance', 'where do i (?:go|park|drop)')),
  rule('faq', 2, anyOf('documents?', 'paperwork', 'what (?:do i|should i) (?:need to )?bring')),
  rule('faq', 2, anyOf('walk[- ]?ins?')),
  rule('faq', 1.5, anyOf(
    'holidays?', 'thanksgiving', 'christmas', "new year'?s", 'memorial day', 'labor day', 'fourth of july',
  )),
  rule('faq', 2, anyOf('recorded', 'privacy', 'refunds?', 'return policy', 'cancellation (?:fee|policy)')),
  rule('faq', 2, anyOf('how (?:long|often)')),
  rule('faq', 1.5, anyOf('running late', 'late for my appointment')),
  rule('faq', 1.5, anyOf('do you (?:offer|do|provide|take|accept|sell|service|work on|fix|repair)')),
  rule('faq', 1, anyOf(
    'can you tell me', 'i have a question', 'quick question', 'i was wondering', "i'm wondering",
  )),
] // prettier-ignore

const BOOKING: IntentRule[] = [
  // A job for the service department.
  rule('book_service', 2, anyOf(
    'maintenance', 'tune[- ]?up', 'service appointment',
    '(?:get|have) (?:my |the )?(?:car|truck|vehicle|it) (?:serviced|fixed|looked at|checked)', 'serviced',
    'repairs?', 'fix(?:ed)?', 'look at (?:my|it)', 'take a look', 'check (?:out )?(?:my|it)',
    'bring (?:it|my \\w+|the \\w+|her|him) in', 'drop (?:it|my \\w+) off', 'service (?:my|on my)',
  )),
  rule('book_service', 2, anyOf(
    'making (?:a |an |some |this |that |weird |funny |strange )*noises?', 'squeak\\w*', 'squeal\\w*',
    'grind\\w*', 'leak\\w*', "won't start", "doesn't start", 'light (?:is|came|come|went) on',
    'warning light', 'check engine', 'overheat\\w*', 'vibrat\\w*', 'pull(?:s|ing) to', 'smell\\w*',
    'shak(?:es|ing)', 'stall\\w*', 'flat tire', 'broke down', 'not working', "isn't working",
    'stopped working', 'acting up', '(?:problem|issue|trouble) with', "something(?:'s| is) wrong",
  )),
  // "I'd like to make an appointment" wants to book something: a service booking is the likelier guess.
  rule('book_service', 1, anyOf(
    "(?:book|schedule|set up|make|get|need|want|like)\\b[\\w\\s']{0,20}\\bappointment",
    '(?:book|schedule) (?:me|a|an|something|it|for)', 'come in', '(?:get|fit|squeeze) me in',
    'earliest (?:available|appointment|you can|time)',
  ), { generic: true }),

  // Sales.
  rule('book_test_drive', 3.5, /\btest[- ]?driv\w*/),
  rule('book_test_drive', 2.5, anyOf(
    'take (?:it|one|her) (?:out|for a spin)', 'for a spin', 'go for a drive', 'get behind the wheel',
  )),
  rule('book_test_drive', 2.5, anyOf(
    'try', 'drive', 'driving', 'see', 'look at', 'check out', 'checking out', 'sit in', 'interested in',
    'looking (?:at|for)', 'wants?', 'buy', 'buying', 'purchase', 'shopping for',
  ), { needsVehicle: true }),
  rule('book_test_drive', 2, anyOf(
    'buy(?:ing)? a (?:new |used )?(?:car|truck|suv|vehicle)',
    'looking for a (?:new |used )?(?:car|truck|suv|vehicle)', 'shopping for a', 'new car',
  )),
  rule('book_test_drive', 0.5, anyOf(
    'appointment', 'book', 'schedule', 'set up', 'come in',
  ), { generic: true }),
] // prettier-ignore

const EXISTING_APPOINTMENT: IntentRule[] = [
  rule('reschedule', 4.5, /\breschedul\w*/),
  rule('reschedule', 4.5, anyOf(
    '(?:change|move|switch|push(?: back)?|bump|shift|modify|update)\\s+(?:my|the|our|this)\\s+' +
      '(?:\\w+\\s+)?(?:appointment|booking|reservation|time slot|slot)',
  )),
  rule('reschedule', 3, anyOf(
    '(?:move|push|bump)\\s+(?:it|that|my|the)\\s+(?:[\\w-]+\\s+){0,4}(?:to|back|up)',
  )),
  rule('reschedule', 2.5, anyOf('(?:move|push|bump)\\s+(?:it|that|me)')),
  rule('reschedule', 1.5, anyOf('(?:different|another|new|later|earlier)\\s+(?:day|time|date)')),
  rule('reschedule', 1, anyOf("(?:can't|cannot|won't be able to|not going to be able to) (?:make it|come)")),
  rule('cancel', 4.5, /\bcancel(?!lation (?:fee|policy))\w*/),
  rule('cancel', 3, anyOf(
    'call (?:it|the appointment) off', "won't need (?:it|the appointment)",
    'no longer need (?:it|the appointment|my appointment)', "don't need (?:the|my) appointment",
    '(?:remove|delete|drop) my appointment',
  )),
  rule('cancel', 1.5, anyOf("(?:can't|cannot|won't be able to|not going to be able to) (?:make it|come)")),
  rule('cancel', -4.5, anyOf("(?:don't|do not|not|no need to)\\s+cancel")),
] // prettier-ignore

const CONVERSATION: IntentRule[] = [
  rule('greeting', 1.5, /^\W*(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening|day)|greetings)\b/),
  rule('greeting', 1, anyOf('how are you')),
  rule('goodbye', 3, anyOf(
    'bye', 'goodbye', 'good bye', 'bye-bye', 'see (?:you|ya)', "that's (?:all|it|everything)", 'that is all',
    'that will be all', 'nothing else', 'have a (?:good|great|nice) (?:day|one|night|evening|weekend)',
    'talk (?:to you )?later', "i'm (?:all )?set", 'all set', "i'm done", "that's all i needed",
  )),
  rule('goodbye', 1.2, /^\W*(?:thanks|thank you|thx|ty|cheers)(?:\s+(?:so much|very much|a lot))?\W*$/),
  rule('goodbye', 1, /^\W*no,? thanks?(?: you)?\W*$/),
] // prettier-ignore

export const INTENT_RULES: IntentRule[] = [...FAQ, ...BOOKING, ...EXISTING_APPOINTMENT, ...CONVERSATION]

/** A request to get something done (as opposed to a question about it). */
export const BOOKING_REQUEST = anyOf(
  'i need', "i'd like", 'i would like', 'i want', 'need to', 'want to',
  'can i (?:get|have|book|schedule|come|bring|drop)', 'could i', 'could you', 'can you', 'would you',
  'please', 'book', 'schedule', 'set up', 'make an appointment', 'appointment', 'get (?:me |it )?in',
  'come in', 'bring (?:it|my|the)', 'drop (?:it|my|the) off', 'is it possible',
  'do you have (?:any )?(?:time|availability|openings?|slots?|room|appointments?)',
  'any (?:openings|availability|appointments? available)',
  'when can i', 'what times',
) // prettier-ignore

/** A question to be answered, not a request ("can you ..." and availability questions are requests). */
export const FAQ_QUESTION_START =
  /^(?:do|does|did|are|is|what|what's|where|where's|when|how|which|who|why|will|should)\b/
export const REQUEST_QUESTION_START = new RegExp(
  String.raw`^(?:can you|could you|would you|can i|could i|is it possible|would it be possible|` +
    String.raw`do you have (?:any )?(?:time|availability|openings?|slots?|room|appointments?)|` +
    String.raw`are there any (?:openings|slots))`,
)
