/**
 * CORS for /api (CORS_ORIGINS): a dealership's own web pages (a chat widget, a booking page) may call
 * the API from the browser. Without the setting no CORS header is sent and only the dashboard, served
 * by the API itself, can.
 */
import { cors } from 'hono/cors'

export const corsFor = (origins: string[]) =>
  cors({
    origin: origins,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'Prefer'],
    exposeHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'X-Request-Id', 'Server-Timing'],
    maxAge: 600,
  })
