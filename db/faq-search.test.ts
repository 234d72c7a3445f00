import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { FAQ_MIN_SCORE, faqSearchTerms, searchFaqs } from './faq-search'
import { seed } from './seed'

const HOURS = [
  'What are your service department hours?',
  'What are your sales showroom hours?',
  'What are your parts department hours?',
]

/** How callers actually ask, and the FAQ entry (or entries, when the question is ambiguous) that answers. */
const ON_TOPIC: [string, string | string[]][] = [
  ['hey, what time does the service department close on saturdays?', HOURS[0]!],
  ['yeah hi, um, I was wondering what your hours are on Saturday for the service department', HOURS[0]!],
  ['what are your hours', HOURS],
  ['is the showroom open late on weekdays? I work until five', HOURS[1]!],
  ['when is the parts counter open?', HOURS[2]!],
  ['are you guys open on thanksgiving?', 'Are you open on holidays?'],
  ["what's your address?", 'Where is the dealership located?'],
  [
    "I'm coming up the interstate, which exit do I take to get to you?",
    'How do I get to the dealership from I-55?',
  ],
  ['where should I park when I come in?', 'Where do I park when I visit?'],
  ['do I need to make an appointment to test drive a car?', 'Do I need an appointment for a test drive?'],
  ['what paperwork should I bring to buy a car?', 'What documents do I need to buy a car?'],
  ['do you guys sell used cars?', 'Do you sell used and certified pre-owned cars?'],
  [
    'can I buy a car online and have it delivered to my house?',
    'Can I buy a car online or have it delivered?',
  ],
  [
    'do you charge any hidden dealer fees on top of the price?',
    'Do you charge dealer fees, and what is the out-the-door price?',
  ],
  ["my credit isn't great, can I still get approved?", 'Can I get financing with bad credit?'],
  [
    "I'm a first time buyer with no credit history, can I get a loan?",
    'Can I get a car loan with no credit history as a first-time buyer?',
  ],
  ['how do I get preapproved before I come in?', 'How do I get pre-approved for financing?'],
  ['what kind of interest rates do you have right now?', 'What interest rates and loan terms do you offer?'],
  ['can my dad co-sign my loan?', 'Can I use a co-signer on my car loan?'],
  [
    'I already have a loan from my credit union, can I use it?',
    'Can I use financing from my own bank or credit union?',
  ],
  ['do you guys do leasing?', 'Do you offer leases?'],
  ['how much would you give me for my trade in?', 'How much is my trade-in worth?'],
  [
    "hey so my wife and I are thinking about trading in our old minivan, how much do you think it's worth?",
    'How much is my trade-in worth?',
  ],
  [
    "I just want to sell my car, I don't need a new one",
    "Will you buy my car even if I don't buy one from you?",
  ],
  ['I still owe money on my car, can I trade it in?', "Can I trade in a car that isn't paid off?"],
  ['what does the warranty cover on a new car?', 'What does the factory warranty cover on a new car?'],
  [
    'is there any warranty or roadside assistance with your certified used cars?',
    'What comes with a certified pre-owned vehicle?',
  ],
  ['do you sell extended warranties?', 'Do you sell extended warranties?'],
  ['how often do I need an oil change?', 'How often should I change my oil?'],
  ['can I just drop in for service without an appointment?', 'Do you take walk-ins for service?'],
  ['my brakes are squeaking, how much is a brake check?', 'How much does a brake inspection cost?'],
  [
    "my car's been making a grinding noise when I stop, how much do you charge to look at the brakes?",
    'How much does a brake inspection cost?',
  ],
  ['do I need an emissions test in Illinois?', 'Do you do state inspections or emissions tests?'],
  ['how do I find out if my car has a recall?', 'How do I know if my car has a recall?'],
  [
    'I bought my Nissan somewhere else, can you still service it?',
    "Do you service cars you didn't sell, including other brands?",
  ],
  ['can I order some floor mats?', 'How do I order parts?'],
  ["can I return a part I didn't use?", 'What is your parts return policy?'],
  ['do you work on Teslas?', 'Do you service electric vehicles and Teslas?'],
  ['is there somewhere I can charge my EV while I wait?', 'Do you have EV charging stations?'],
  ['can I get a loaner car while mine is in the shop?', 'Do you offer loaner cars?'],
  ['can someone give me a ride to work after I drop my car off?', 'Do you have a shuttle service?'],
  ['is there wifi in the waiting room?', 'Is there a waiting area with Wi-Fi?'],
  ['do you take apple pay?', 'What payment methods do you accept?'],
  ['can I pay my repair bill in monthly payments?', 'Can I make payments on a repair bill?'],
  ['can I return the car if I change my mind?', 'Can I return a car after I buy it?'],
  ['how do I cancel my appointment?', 'How do I cancel or reschedule an appointment?'],
  ['are these calls recorded?', 'Are calls recorded, and can I talk to a person?'],
]

/** Nothing in the FAQ answers these; some share a word with it ("time", "book", "make", "life"). */
const OFF_TOPIC = [
  "what's the weather like tomorrow?",
  'who won the game last night?',
  'can you fix my dishwasher?',
  'tell me a joke',
  "what's the capital of France?",
  'can you recommend a good pizza place nearby?',
  'how do I reset my iPhone password?',
  'what time is the Cubs game on TV?',
  'book me a flight to Denver',
  'how do I make banana bread?',
  'my washing machine is leaking water',
  'what is the meaning of life?',
]

/** Text that would break a hand-built tsquery: operators, quotes, colons, parentheses, emoji. */
const HOSTILE = [
  "what's up?! (hours) & | : ' \" \\ 🚗 <-> * :* !!",
  'hours:* & !sunday | (saturday',
  "'); drop table faqs; --",
  '🚗🚙🛻💨',
  'a'.repeat(5000),
  'oil '.repeat(2000),
  '',
  '   ',
  'the and of to',
]

describe('faqSearchTerms', () => {
  it('keeps the meaningful words as bare letters and digits', () => {
    expect(faqSearchTerms('Hey, what time do you guys close on Saturdays?')).toEqual([
      'time',
      'close',
      'saturdays',
    ])
    expect(faqSearchTerms("Can my dad co-sign? I'm 19 & it isn't (my) first car!")).toEqual([
      'dad',
      'co',
      'sign',
      '19',
      'first',
      'car',
    ])
    for (const text of HOSTILE) {
      for (const term of faqSearchTerms(text)) expect(term).toMatch(/^[\p{L}\p{N}]{2,40}$/u)
    }
    expect(faqSearchTerms('the and of to, um, hey guys')).toEqual([])
    expect(
      faqSearchTerms('word '.repeat(10) + Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ')),
    ).toHaveLength(24)
  })
})

describe.each(TEST_DRIVERS)('searchFaqs on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>

  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
    await seed(handle.db)
  }, 60_000)
  afterAll(async () => {
    await handle?.dispose()
  })

  it.each(ON_TOPIC)('answers "%s"', async (question, expected) => {
    const [top] = await searchFaqs(handle.db, question)
    expect(top, question).toBeDefined()
    expect(Array.isArray(expected) ? expected : [expected]).toContain(top?.question)
    expect(top?.score).toBeGreaterThanOrEqual(FAQ_MIN_SCORE)
  })

  it.each(OFF_TOPIC)('does not pretend to answer "%s"', async (question) => {
    const [top] = await searchFaqs(handle.db, question)
    expect(top?.score ?? 0).toBeLessThan(FAQ_MIN_SCORE)
  })

  it('separates on-topic from off-topic questions with a margin around FAQ_MIN_SCORE', async () => {
    const best = async (q: string) => (await searchFaqs(handle.db, q, { limit: 1 }))[0]?.score ?? 0
    const onTopic = await Promise.all(ON_TOPIC.map(([q]) => best(q)))
    const offTopic = await Promise.all(OFF_TOPIC.map(best))
    expect(Math.min(...onTopic) - FAQ_MIN_SCORE).toBeGreaterThan(0.02)
    expect(FAQ_MIN_SCORE - Math.max(...offTopic)).toBeGreaterThan(0.02)
  })

  it('returns up to `limit` hits, best first, with the fields the agent reads', async () => {
    const hits = await searchFaqs(handle.db, 'I have bad credit, can you still finance me?', { limit: 5 })
    expect(hits).toHaveLength(5)
    expect(hits[0]).toEqual({
      id: expect.any(Number),
      question: 'Can I get financing with bad credit?',
      answer: expect.stringContaining('credit'),
      category: 'financing',
      score: expect.any(Number),
    })
    const scores = hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    for (const s of scores) expect(s).toBeGreaterThan(0)
    expect(await searchFaqs(handle.db, 'financing bad credit')).toHaveLength(3)
    expect(await searchFaqs(handle.db, 'financing bad credit', { limit: 1 })).toHaveLength(1)
  })

  it.each(HOSTILE)('survives hostile input %#', async (text) => {
    const hits = await searchFaqs(handle.db, text)
    expect(Array.isArray(hits)).toBe(true)
  })

  it('still finds the topic inside query-syntax noise', async () => {
    const [top] = await searchFaqs(handle.db, "oil:* change!! & 'how often' | (synthetic)")
    expect(top?.question).toBe('How often should I change my oil?')
    expect(await searchFaqs(handle.db, '🚗🚙 ?!')).toEqual([])
  })
})
