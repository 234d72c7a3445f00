/**
 * Every table of pitcrew. Row types come from `typeof table.$inferSelect`.
 * Local dates ('YYYY-MM-DD') and times ('HH:MM') are wall-clock values in the dealership's time zone.
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  type AnyPgColumn,
  customType,
  foreignKey,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { AgentName, CompactCallState } from '../domain/call-state'
import type { LoggedCallEvent } from '../domain/call-events'
import { CALL_OUTCOMES, INSUFFICIENT, SENTIMENT_LABELS, type CallAnalysis } from '../domain/call-analysis'
import type { TurnEffects } from '../domain/turn'
import { DELIVERY_STATUSES, type NewWebhookEvent, type WebhookEventType } from '../domain/webhooks'
import { VOICE_MESSAGE_STATUSES } from '../domain/voice-messages'
import type { VehicleDetails } from '../domain/vehicle'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** Enum-like text columns are checked by the database too, not only by TypeScript. */
const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`
const isHhMm = (column: string) => sql.raw(`${column} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** The dealership itself: a single row (id 1). */
export const dealership = pgTable('dealership', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  website: text('website').notNull(),
  address: text('address').notNull(),
  timeZone: text('time_zone').notNull(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Opening hours per department and weekday (0 = Sunday). A missing row means closed that day. */
export const businessHours = pgTable(
  'business_hours',
  {
    department: text('department', { enum: ['service', 'sales'] }).notNull(),
    weekday: smallint('weekday').notNull(),
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.department, t.weekday] }),
    check('business_hours_department_check', oneOf(t.department, ['service', 'sales'])),
    check('business_hours_weekday_check', sql`${t.weekday} between 0 and 6`),
    check(
      'business_hours_times_check',
      sql`${isHhMm('opens_at')} and ${isHhMm('closes_at')} and opens_at < closes_at`,
    ),
  ],
)

export const faqs = pgTable(
  'faqs',
  {
    id: serial('id').primaryKey(),
    category: text('category').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    /** Extra words customers use for this topic; they count in the search but are never shown. */
    keywords: text('keywords').notNull().default(''),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', question || ' ' || keywords), 'A') || setweight(to_tsvector('english', answer), 'B')`,
      ),
  },
  (t) => [
    uniqueIndex('faqs_question_key').on(t.question),
    index('faqs_category_idx').on(t.category),
    index('faqs_search_idx').using('gin', t.search),
  ],
)

export const serviceTypes = pgTable(
  'service_types',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    description: text('description').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** Words and phrases customers use for this service ("brakes checked", "lube"). */
    synonyms: text('synonyms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    check('service_types_duration_check', sql`${t.durationMinutes} > 0 and ${t.durationMinutes} % 30 = 0`),
    check('service_types_price_check', sql`${t.priceCents} >= 0`),
  ],
)

/** What an appointment occupies: service bays for service, sales consultants for test drives. */
export const resources = pgTable(
  'resources',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['service_bay', 'sales_consultant'] }).notNull(),
    name: text('name').notNull().unique(),
  },
  (t) => [check('resources_kind_check', oneOf(t.kind, ['service_bay', 'sales_consultant']))],
)

export const inventoryVehicles = pgTable(
  'inventory_vehicles',
  {
    id: serial('id').primaryKey(),
    vin: text('vin').notNull().unique(),
    stockNumber: text('stock_number').notNull().unique(),
    condition: text('condition', { enum: ['new', 'used', 'certified'] }).notNull(),
    year: integer('year').notNull(),
    make: text('make').notNull(),
    model: text('model').notNull(),
    trim: text('trim').notNull(),
    bodyStyle: text('body_style').notNull(),
    fuelType: text('fuel_type', {
      enum: ['gasoline', 'hybrid', 'plug_in_hybrid', 'electric', 'diesel'],
    }).notNull(),
    exteriorColor: text('exterior_color').notNull(),
    mileage: integer('mileage').notNull(),
    priceCents: integer('price_cents').notNull(),
    available: boolean('available').notNull().default(true),
  },
  (t) => [
    index('inventory_make_model_idx').on(t.make, t.model),
    check('inventory_condition_check', oneOf(t.condition, ['new', 'used', 'certified'])),
    check(
      'inventory_fuel_type_check',
      oneOf(t.fuelType, ['gasoline', 'hybrid', 'plug_in_hybrid', 'electric', 'diesel']),
    ),
    check('inventory_numbers_check', sql`${t.mileage} >= 0 and ${t.priceCents} >= 0`),
  ],
)

export const customers = pgTable('customers', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** E.164, e.g. +15555550123. */
  phone: text('phone').notNull().unique(),
  email: text('email'),
  createdAt: createdAt(),
})

export const customerVehicles = pgTable(
  'customer_vehicles',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    make: text('make').notNull(),
    model: text('model').notNull(),
    vin: text('vin').unique(),
    mileage: integer('mileage'),
    /** What the VIN decoded to (trim, body, engine...), for cars added by VIN; null for the seeded ones. */
    details: jsonb('details').$type<VehicleDetails>(),
  },
  (t) => [index('customer_vehicles_customer_idx').on(t.customerId)],
)

export const appointments = pgTable(
  'appointments',
  {
    id: serial('id').primaryKey(),
    appointmentType: text('appointment_type', { enum: ['service', 'test_drive'] }).notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled', 'completed', 'no_show'] })
      .notNull()
      .default('scheduled'),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    customerName: text('customer_name').notNull(),
    customerPhone: text('customer_phone').notNull(),
    customerEmail: text('customer_email'),
    serviceTypeId: integer('service_type_id').references(() => serviceTypes.id),
    inventoryVehicleId: integer('inventory_vehicle_id').references(() => inventoryVehicles.id),
    vehicleDescription: text('vehicle_description'),
    scheduledDate: date('scheduled_date', { mode: 'string' }).notNull(),
    scheduledTime: text('scheduled_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    notes: text('notes'),
    /** The call that booked it, if any. With `bookingKey` it makes a retried booking a no-op. */
    callId: text('call_id'),
    bookingKey: text('booking_key').unique(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_phone_idx').on(t.customerPhone),
    index('appointments_customer_idx').on(t.customerId),
    index('appointments_date_idx').on(t.scheduledDate),
    check('appointments_type_check', oneOf(t.appointmentType, ['service', 'test_drive'])),
    check('appointments_status_check', oneOf(t.status, ['scheduled', 'cancelled', 'completed', 'no_show'])),
    check('appointments_time_check', isHhMm('scheduled_time')),
    check('appointments_duration_check', sql`${t.durationMinutes} > 0`),
  ],
)

/**
 * One row per (resource, 30-minute unit) an appointment occupies. The unique index is what makes
 * overbooking impossible: two concurrent bookings of the same unit cannot both commit.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    slotDate: date('slot_date', { mode: 'string' }).notNull(),
    slotTime: text('slot_time').notNull(),
  },
  (t) => [
    uniqueIndex('appointment_slots_resource_unit_key').on(t.resourceId, t.slotDate, t.slotTime),
    index('appointment_slots_appointment_idx').on(t.appointmentId),
    check('appointment_slots_time_check', isHhMm('slot_time')),
  ],
)

export const humanAgents = pgTable('human_agents', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  email: text('email').notNull().unique(),
  role: text('role').notNull(),
  skills: text('skills')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  available: boolean('available').notNull().default(true),
})

export const calls = pgTable(
  'calls',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['chat', 'web', 'phone'] }).notNull(),
    status: text('status', { enum: ['active', 'escalated', 'ended'] })
      .notNull()
      .default('active'),
    customerPhone: text('customer_phone'),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    intent: text('intent'),
    currentAgent: text('current_agent').notNull().default('router'),
    turnCount: integer('turn_count').notNull().default(0),
    /**
     * The call's own fields as of its latest event: a projection of its log, written in the same
     * transaction as the event. The transcript lives in transcript_lines, the tasks in escalation_tasks.
     */
    state: jsonb('state').$type<CompactCallState>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /**
     * What identifies the call for a search (GET /api/calls?q=): its id, the customer's name and
     * phone, the phone's last 10 and 7 digits too, so "217 555 0199" and "5550199" find it by index.
     */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('simple', id || ' ' || coalesce(state->'customer'->>'name', '') || ' ' || coalesce(customer_phone, '') || ' ' || coalesce(right(customer_phone, 10), '') || ' ' || coalesce(right(customer_phone, 7), ''))`,
      ),
  },
  (t) => [
    index('calls_started_idx').on(t.startedAt),
    index('calls_search_idx').using('gin', t.search),
    index('calls_status_idx').on(t.status),
    check('calls_channel_check', oneOf(t.channel, ['chat', 'web', 'phone'])),
    check('calls_status_check', oneOf(t.status, ['active', 'escalated', 'ended'])),
  ],
)

/** What was said on a call, line by line: a projection of its `transcript` events. */
export const transcriptLines = pgTable(
  'transcript_lines',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role', { enum: ['user', 'agent', 'human', 'system'] }).notNull(),
    text: text('text').notNull(),
    agent: text('agent').$type<AgentName>(),
    /** The turn that wrote the line; null for lines said outside a turn (greeting, notices). */
    turn: integer('turn'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The line's words for full-text search of transcripts (GET /api/calls?q=). */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', text)`),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.seq] }),
    index('transcript_lines_search_idx').using('gin', t.search),
    check('transcript_lines_role_check', oneOf(t.role, ['user', 'agent', 'human', 'system'])),
  ],
)

/**
 * One row per completed turn: who spoke, what was said and answered, what the workflow must do next.
 * A retried turn activity finds its row and returns the same answer instead of running the graph
 * again (the call's state after it is the calls row, written in the same transaction).
 */
export const callTurns = pgTable(
  'call_turns',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    turn: integer('turn').notNull(),
    author: text('author', { enum: ['user', 'human'] }).notNull(),
    text: text('text').notNull(),
    reply: text('reply'),
    agent: text('agent').$type<AgentName>(),
    /** What the workflow must do after the turn (end the call, start an escalation), for retries. */
    effects: jsonb('effects').$type<TurnEffects>(),
    durationMs: integer('duration_ms'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.turn] }),
    // Analytics reads the turns of a range of days (turn latency).
    index('call_turns_at_idx').on(t.at),
  ],
)

/** Append-only log of everything that happened on a call; `seq` is the SSE event id. */
export const callEvents = pgTable(
  'call_events',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').$type<LoggedCallEvent['type']>().notNull(),
    data: jsonb('data').$type<LoggedCallEvent['data']>().notNull(),
    /** Identifies the effect that wrote the event, so a retried activity writes it once. */
    dedupeKey: text('dedupe_key'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.seq] }),
    uniqueIndex('call_events_dedupe_key').on(t.callId, t.dedupeKey),
  ],
)

export const escalationTasks = pgTable(
  'escalation_tasks',
  {
    taskId: text('task_id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    taskType: text('task_type', { enum: ['escalation', 'callback'] }).notNull(),
    status: text('status', { enum: ['pending', 'running', 'completed', 'failed'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    humanAgentId: integer('human_agent_id').references(() => humanAgents.id),
    /** While pending: the person the task is being offered to right now. */
    offeredTo: text('offered_to'),
    callbackScheduled: timestamp('callback_scheduled', { withTimezone: true }),
    outcome: text('outcome'),
    notes: text('notes'),
    createdAt: createdAt(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('escalation_tasks_status_idx').on(t.status),
    index('escalation_tasks_call_idx').on(t.callId),
    check('escalation_tasks_type_check', oneOf(t.taskType, ['escalation', 'callback'])),
    check('escalation_tasks_status_check', oneOf(t.status, ['pending', 'running', 'completed', 'failed'])),
  ],
)

/**
 * One post-call analysis per call (domain/call-analysis.ts): the fields analytics, search and export
 * filter and count by as columns, the whole analysis as jsonb. A re-run replaces the row.
 */
export const callAnalyses = pgTable(
  'call_analyses',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    analyzerVersion: text('analyzer_version').notNull(),
    outcome: text('outcome', { enum: CALL_OUTCOMES }).notNull(),
    /** A sentiment label, or 'insufficient' for a call too short to judge. */
    sentimentLabel: text('sentiment_label', { enum: [...SENTIMENT_LABELS, INSUFFICIENT] }).notNull(),
    sentimentScore: real('sentiment_score'),
    durationSeconds: integer('duration_seconds').notNull(),
    turns: integer('turns').notNull(),
    customerTurns: integer('customer_turns').notNull(),
    interruptions: integer('interruptions').notNull(),
    /** Whether the customer asked for a booking, reschedule or cancel at some point (booking conversion). */
    wantedBooking: boolean('wanted_booking').notNull(),
    analysis: jsonb('analysis').$type<CallAnalysis>().notNull(),
    analyzedAt: timestamp('analyzed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('call_analyses_outcome_idx').on(t.outcome),
    index('call_analyses_sentiment_idx').on(t.sentimentLabel),
    check('call_analyses_outcome_check', oneOf(t.outcome, CALL_OUTCOMES)),
    check('call_analyses_sentiment_check', oneOf(t.sentimentLabel, [...SENTIMENT_LABELS, INSUFFICIENT])),
  ],
)

/** Webhook subscriptions (docs/webhooks.md). The secret signs deliveries and is shown only once. */
export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events').array().$type<WebhookEventType[]>().notNull(),
  description: text('description'),
  /** `whsec_` + base64: the Standard Webhooks signing secret. */
  secret: text('secret').notNull(),
  createdAt: createdAt(),
})

/**
 * The outbox: one row per event, written in the transaction of the change that caused it, once per
 * `dedupeKey`. `dispatchedAt` is set when its deliveries were created and their workflows started;
 * until then the dispatcher's sweep picks it up (a crash between commit and start loses nothing).
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** `msg_<uuid>`: the `webhook-id` header receivers deduplicate by. */
    id: text('id').primaryKey(),
    type: text('type').$type<WebhookEventType>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    data: jsonb('data').$type<NewWebhookEvent['data']>().notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_events_dedupe_key').on(t.dedupeKey),
    index('webhook_events_undispatched_idx')
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
  ],
)

/** One row per (event, subscription): what `GET /api/webhooks/:id/deliveries` lists. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastHttpStatus: integer('last_http_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.webhookId] }),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
    check('webhook_deliveries_status_check', oneOf(t.status, DELIVERY_STATUSES)),
  ],
)

/** Every attempt of a delivery, numbered by Temporal's activity attempt (a retry never overwrites one). */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    eventId: text('event_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    httpStatus: integer('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.webhookId, t.attempt] }),
    foreignKey({
      name: 'webhook_delivery_attempts_delivery_fk',
      columns: [t.eventId, t.webhookId],
      foreignColumns: [webhookDeliveries.eventId, webhookDeliveries.webhookId],
    }).onDelete('cascade'),
  ],
)

/**
 * Voice messages posted to a call (domain/voice-messages.ts): written when the API takes one, completed
 * by the voice message workflow. The audio itself lives beside the recordings (disk or bucket).
 */
export const voiceMessages = pgTable(
  'voice_messages',
  {
    /** `vm-<hash of the call and idempotency key>`, so a repeated key finds its message. */
    messageId: text('message_id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    status: text('status', { enum: VOICE_MESSAGE_STATUSES }).notNull().default('processing'),
    /** SHA-256 of the uploaded bytes: the same key with other audio is refused. */
    bodySha256: text('body_sha256').notNull(),
    format: text('format').notNull(),
    durationSeconds: real('duration_seconds').notNull(),
    transcript: text('transcript'),
    reply: text('reply'),
    turn: integer('turn'),
    hasReplyAudio: boolean('has_reply_audio').notNull().default(false),
    /** Why the message failed (the call ended, ...), for status 'failed'. */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('voice_messages_call_idx').on(t.callId, t.createdAt),
    check('voice_messages_status_check', oneOf(t.status, VOICE_MESSAGE_STATUSES)),
  ],
)
