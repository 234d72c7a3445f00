/**
 * GET /api/calls/export.csv: the calls of a filter, one row per call with its analysis, streamed as
 * it is read (db/call-export.ts reads in batches; the stream's backpressure paces the reads).
 *
 * RFC 4180 quoting is csv-stringify's; what it cannot know is that a spreadsheet runs a cell starting
 * with = + - @ (or tab / carriage return) as a formula. Per OWASP's CSV injection advice such text
 * cells get a leading apostrophe. Numbers we wrote ourselves, and texts that are just a number (an
 * E.164 phone, +12175550101), are left alone: they are no formula.
 */
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { Hono } from 'hono'
import { CALL_EXPORT_COLUMNS, exportCalls } from '../../db/call-export'
import { CallFilterQuery } from '../call-filter-query'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'
import { validate } from '../validate'

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/

/** A text cell a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

export const callExportOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/calls/export.csv',
    summary:
      'The calls of a filter (same parameters as GET /api/calls) as CSV, newest first, one row per call with its analysis',
    tag: 'calls',
    query: CallFilterQuery,
    responses: {
      200: 'text/csv (RFC 4180, CRLF, header row first; formula-like text cells start with an apostrophe)',
      400: 'Invalid filter',
    },
  },
]

export const callExportRoutes = new Hono<AppEnv>().get(
  '/export.csv',
  validate('query', CallFilterQuery),
  (c) => {
    const filter = c.req.valid('query')
    const { db, dealershipTimeZone, log } = c.var.deps
    const csv = stringify({
      header: true,
      columns: CALL_EXPORT_COLUMNS,
      record_delimiter: 'windows',
      cast: {
        string: neutraliseFormula,
        boolean: (v) => (v ? 'true' : 'false'),
        date: (v) => v.toISOString(),
      },
    })
    const rows = Readable.from(exportCalls(db, dealershipTimeZone, filter))
    rows.on('error', (err) => {
      // The status line is long sent: all that can be done is to cut the download short and say why.
      log.error({ err }, 'CSV export failed while streaming')
      csv.destroy(err)
    })
    rows.pipe(csv)
    csv.on('close', () => rows.destroy())
    const name = `calls${filter.from ? `-${filter.from}` : ''}${filter.to ? `-to-${filter.to}` : ''}.csv`
    return new Response(Readable.toWeb(csv) as ReadableStream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    })
  },
)
