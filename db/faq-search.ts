/**
 * Full-text search over the FAQ for the FAQ agent. Callers speak in long, chatty sentences ("hey, what
 * time do you guys close on saturdays?"), so the query ORs the meaningful words instead of requiring all
 * of them, and the rank decides. Below `FAQ_MIN_SCORE` the best hit is a coincidence of common words,
 * and the agent must say it doesn't know rather than read out an unrelated answer.
 */
import { desc, sql } from 'drizzle-orm'
import type { Db } from './client'
import { faqs } from './schema'

export interface FaqHit {
  id: number
  question: string
  answer: string
  category: string
  /** Relevance in (0, 1), from ts_rank; compare with FAQ_MIN_SCORE. */
  score: number
}

/**
 * Below this score the top hit does not answer the question. Calibrated on the seeded FAQ with the
 * questions in db/faq-search.test.ts: 47 on-topic questions scored 0.32-0.53 with the right entry on
 * top; 12 off-topic ones scored 0 (no shared word) up to 0.23 ("what is the meaning of life?" grazes the
 * keyword "oil life"). The threshold sits in that gap.
 */
export const FAQ_MIN_SCORE = 0.28

/** More words than this add noise and query cost, not precision. */
const MAX_TERMS = 24
const MAX_TERM_LENGTH = 40
const AVERAGE_OVER = 4

/**
 * PostgreSQL's English stop words (dropped by to_tsquery anyway; dropping them here keeps an all-stop-word
 * question from reaching the database) plus filler words callers use that say nothing about the topic.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing don down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves ' +
    // Conversational filler.
    'hey hi hello hiya yo guys guy folks yall ya please thanks thank like wondering wonder question ask ' +
    'tell know want wanted wanna gonna gotta need um uh er hmm ok okay yeah yep sure also really actually ' +
    'maybe well im ive id youre thats whats dont doesnt cant wont isnt get got getting let lets something ' +
    'anything thing things someone somebody anyone anybody somewhere quick curious help still even though ' +
    'already kind sort right come coming go going offer offers offering provide provides available ' +
    // What is left of negative contractions once the apostrophe splits them ("didn't" -> didn, t).
    'aren couldn didn doesn hadn hasn haven isn shouldn wasn weren won wouldn ll ve re'
  ).split(' '),
)

/**
 * The words of a question that can select an FAQ, lower-cased, as safe tsquery operands: only letters and
 * digits survive, so quotes, colons, &, |, !, parentheses and emoji can never break the query syntax.
 */
export function faqSearchTerms(question: string): string[] {
  const terms: string[] = []
  // Apostrophes split words the way the text-search parser does ("isn't" -> isn, t).
  for (const word of question
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    for (const term of word.split('-')) {
      if (term.length < 2 || term.length > MAX_TERM_LENGTH || STOP_WORDS.has(term)) continue
      if (!/^[\p{L}\p{N}]+$/u.test(term) || terms.includes(term)) continue
      terms.push(term)
    }
  }
  return terms.slice(0, MAX_TERMS)
}

/** The FAQ entries that best answer a customer's question, best first, with their scores. */
export async function searchFaqs(
  db: Db,
  question: string,
  options: { limit?: number } = {},
): Promise<FaqHit[]> {
  const terms = faqSearchTerms(question)
  if (terms.length === 0) return []
  const limit = Math.max(1, Math.min(options.limit ?? 3, 50))
  const query = sql`to_tsquery('english', ${terms.join(' | ')})`
  // For an OR query ts_rank is the mean over the query's words, so every word of small talk in a long
  // question would pull a good match down. Averaging over at most AVERAGE_OVER words keeps a long
  // question whose topic words all hit one entry above a short one that grazes a keyword by chance.
  const scale = terms.length / Math.min(terms.length, AVERAGE_OVER)
  const rank = sql`(ts_rank(${faqs.search}, ${query}) * ${scale}::float8)`
  // rank / (rank + 1) maps it into (0, 1), like ts_rank's normalization 32.
  const score = sql<number>`${rank} / (${rank} + 1)`
  const rows = await db
    .select({ id: faqs.id, question: faqs.question, answer: faqs.answer, category: faqs.category, score })
    .from(faqs)
    .where(sql`${faqs.search} @@ ${query}`)
    // Ties (two entries sharing the matched words) go to the one that mentions them more densely.
    .orderBy(desc(score), desc(sql`ts_rank_cd(${faqs.search}, ${query})`), faqs.id)
    .limit(limit)
  return rows.map((row) => ({ ...row, score: Number(row.score) }))
}
