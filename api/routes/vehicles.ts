import { Hono } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'
import { validate } from '../validate'
import { sharedVinDecoder, type VinDecodeProblem } from '../../lib/vin'

/** Any short text: the decoder names what is wrong with it (length, character, check digit). */
export const VinText = z.string().trim().min(1).max(64)

const DecodeParams = z.object({ vin: VinText })

export const vehicleOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/vehicles/decode/{vin}',
    summary: "Decodes a VIN offline from NHTSA's vPIC data",
    tag: 'catalog',
    params: DecodeParams,
    responses: {
      200: '{vin, year, make, model, trim?, series?, bodyStyle?, doors?, fuelType?, engine?, manufacturer?, plant?, checkDigit}',
      400: 'Not a VIN: details.reason is length, character or check_digit',
      404: 'A well-formed VIN that vPIC cannot decode: details.reason is unknown_manufacturer or not_decoded',
    },
  },
]

/** The answer to a VIN that does not decode: 400 when it is not a VIN, `notFound` status otherwise. */
export function vinError(problem: VinDecodeProblem, notFound: 400 | 404): ApiError {
  const { message, ...details } = problem
  const unknown = problem.reason === 'unknown_manufacturer' || problem.reason === 'not_decoded'
  return unknown
    ? new ApiError(notFound, problem.reason, message, details)
    : new ApiError(400, 'invalid_vin', message, details)
}

export const vehicleRoutes = new Hono<AppEnv>().get(
  '/decode/:vin',
  validate('param', DecodeParams),
  async (c) => {
    const decoder = await (c.var.deps.vinDecoder ?? sharedVinDecoder)()
    const result = await decoder.decode(c.req.valid('param').vin)
    if (!result.ok) throw vinError(result, 404)
    return c.json(result.vehicle)
  },
)
