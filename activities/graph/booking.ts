/**
 * The booking agent: books service and test drives, reschedules and cancels. It asks for one
 * missing thing at a time, offers real free times, and only writes after the customer says yes.
 */
import { bookAppointment, cancelAppointment, nextFreeSlots, rescheduleAppointment } from '../../db/booking'
import type { Booking, CompactCallState, Dialog } from '../../domain/call-state'
import { sayDate, sayOptions, sayPhone, sayTime } from '../../domain/format'
import {
  actionFor,
  freshBooking,
  mergeSlots,
  missingForBooking,
  ownVehicleIn,
  QUESTIONS,
} from './booking-slots'
import type { GraphDeps } from './deps'
import { createToolRunner, type FoundAppointment, type ToolRunner } from '../tools'
import { toolDepsOf } from './tool-deps'
import type { TurnGraphState, TurnUpdate } from './graph-state'

interface Step {
  reply: string
  booking: Booking
  dialog: Dialog
}

export function bookingNode(deps: GraphDeps) {
  const toolDeps = toolDepsOf(deps)
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    const u = s.understanding!
    const action = actionFor(u, s.call.dialog)
    const restart =
      action !== s.call.dialog.pendingAction || ['confirmed', 'cancelled'].includes(s.call.booking.status)
    const start: CompactCallState = restart
      ? {
          ...s.call,
          booking: freshBooking(s.call),
          dialog: {
            ...s.call.dialog,
            offered: [],
            pendingAction: action,
            expecting: null,
            timeOfDay: undefined,
            targetAppointmentId: undefined,
          },
        }
      : s.call
    const merged = mergeSlots(start.booking, start.dialog, u, s.text)
    const own =
      merged.booking.appointmentType !== 'test_drive' && ownVehicleIn(s.text, s.call.customer?.vehicles)
    if (own) merged.booking = { ...merged.booking, vehicleInterest: own }
    const tools = createToolRunner(toolDeps, s.turn, 'rules')
    const ctx = { deps, call: start, turn: s.turn, affirmation: u.affirmation, tools }
    const step =
      action === 'cancel'
        ? await cancelStep(ctx, merged.booking, merged.dialog)
        : await bookOrRescheduleStep(ctx, merged.booking, merged.dialog, action)
    const done =
      step.booking.status === 'confirmed' ||
      step.booking.status === 'cancelled' ||
      step.dialog.pendingAction === null
    return {
      toolCalls: tools.calls,
      reply: step.reply,
      call: {
        ...s.call,
        currentAgent: 'booking',
        booking: step.booking,
        dialog: {
          ...step.dialog,
          failedTurns: 0,
          ...(done ? { pendingAction: null, expecting: null, offered: [] } : {}),
        },
      },
    }
  }
}

interface Ctx {
  deps: GraphDeps
  /** The crew's tools (find_appointments), recorded as the turn's tool calls. */
  tools: ToolRunner
  call: CompactCallState
  turn: number
  affirmation?: 'yes' | 'no'
}

const ask = (b: Booking, d: Dialog, expecting: Dialog['expecting'], reply: string): Step => ({
  reply,
  booking: b,
  dialog: { ...d, expecting },
})

async function bookOrRescheduleStep(
  ctx: Ctx,
  b: Booking,
  d: Dialog,
  action: 'book' | 'reschedule',
): Promise<Step> {
  if (action === 'reschedule' && d.targetAppointmentId === undefined) {
    const found = await findTarget(ctx, b, d)
    if ('reply' in found) return found
    b = {
      ...b,
      appointmentType: found.appointmentType,
      serviceType: found.serviceType ?? undefined,
      vehicleInterest: found.vehicleDescription ?? b.vehicleInterest,
      customerName: b.customerName ?? found.customerName,
      appointmentId: found.id,
    }
    d = { ...d, targetAppointmentId: found.id }
    if (!b.preferredDate) {
      return ask(
        b,
        d,
        'date',
        `I found your ${describe(found)} on ${sayDate(found.date)} at ${sayTime(found.time)}. What day would you like instead?`,
      )
    }
  }

  const missing = missingForBooking(b)
  if (
    missing === 'time' ||
    (missing === null && d.expecting !== 'confirmation' && b.status !== 'awaiting_confirmation')
  ) {
    const checked = await checkTime(ctx, b, d)
    if (checked) return checked
  }
  if (missing && missing !== 'time') return ask(b, d, missing, QUESTIONS[missing])
  if (b.status !== 'awaiting_confirmation') {
    const what = action === 'reschedule' ? 'move your appointment to' : `book ${describeBooking(b)} for`
    return ask(
      { ...b, status: 'awaiting_confirmation' },
      d,
      'confirmation',
      `Great. Shall I ${what} ${sayDate(b.preferredDate!)} at ${sayTime(b.preferredTime!)}${action === 'book' ? ` under ${b.customerName}, ${sayPhone(b.customerPhone!)}` : ''}?`,
    )
  }
  if (ctx.affirmation === 'no') {
    return ask(
      { ...b, status: 'collecting' },
      d,
      null,
      'No problem. What would you like to change: the day, the time, or something else?',
    )
  }
  if (ctx.affirmation !== 'yes') {
    return ask(
      b,
      d,
      'confirmation',
      `Just to confirm: ${sayDate(b.preferredDate!)} at ${sayTime(b.preferredTime!)}. Shall I go ahead? Yes or no?`,
    )
  }
  return commit(ctx, b, d, action)
}

/** Offers free times when none is chosen, and checks a chosen one is still free. */
async function checkTime(ctx: Ctx, b: Booking, d: Dialog): Promise<Step | null> {
  if (!b.preferredDate) return null
  const query = {
    appointmentType: b.appointmentType ?? 'service',
    serviceTypeName: b.serviceType,
    fromDate: b.preferredDate,
    timeZone: ctx.deps.timeZone,
    now: ctx.deps.now(),
  } as const
  if (b.preferredTime) {
    const [firstFree] = await nextFreeSlots(ctx.deps.db, { ...query, fromTime: b.preferredTime, limit: 1 })
    if (firstFree?.date === b.preferredDate && firstFree.time === b.preferredTime) return null
    const near = nearest(
      await nextFreeSlots(ctx.deps.db, { ...query, limit: 30 }),
      b.preferredDate,
      b.preferredTime,
    )
    const rest: Booking = { ...b, preferredTime: undefined, status: 'collecting' }
    const said = `${sayTime(b.preferredTime)} on ${sayDate(b.preferredDate)} isn't available`
    if (near.length === 0)
      return ask(
        rest,
        { ...d, offered: [] },
        'date',
        `${said}, and I see nothing close to it. Which other day could work?`,
      )
    return ask(
      rest,
      { ...d, offered: near },
      'slot_choice',
      `${said}. The closest openings are ${sayOptions(near)}. Which would you like?`,
    )
  }
  const options = await nextFreeSlots(ctx.deps.db, { ...query, timeOfDay: d.timeOfDay, limit: 3 })
  if (options.length === 0)
    return ask(
      b,
      { ...d, offered: [] },
      'date',
      `I don't see any openings in the two weeks from ${sayDate(b.preferredDate)}. Would another day work?`,
    )
  const sameDay = options[0]!.date === b.preferredDate
  const intro = sameDay
    ? `On ${sayDate(b.preferredDate)} I have`
    : `${sayDate(b.preferredDate)} is fully booked${d.timeOfDay ? ` in the ${d.timeOfDay}` : ''}. The next openings are`
  return ask(
    b,
    { ...d, offered: options },
    'slot_choice',
    `${intro} ${sayOptions(options)}. Which works for you?`,
  )
}

function nearest(options: { date: string; time: string }[], date: string, time: string) {
  const sameDay = options.filter((o) => o.date === date)
  const pool = sameDay.length > 0 ? sameDay : options
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
  return [...pool]
    .sort((a, b) => Math.abs(minutes(a.time) - minutes(time)) - Math.abs(minutes(b.time) - minutes(time)))
    .slice(0, 3)
    .sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time))
}

async function commit(ctx: Ctx, b: Booking, d: Dialog, action: 'book' | 'reschedule'): Promise<Step> {
  const bookingKey = `${ctx.call.callId}:turn:${ctx.turn}`
  const result =
    action === 'reschedule'
      ? await rescheduleAppointment(ctx.deps.db, {
          appointmentId: d.targetAppointmentId!,
          customerPhone: b.customerPhone!,
          date: b.preferredDate!,
          time: b.preferredTime!,
          bookingKey,
          timeZone: ctx.deps.timeZone,
          now: ctx.deps.now(),
        })
      : await bookAppointment(ctx.deps.db, {
          appointmentType: b.appointmentType!,
          serviceTypeName: b.serviceType,
          vehicleDescription: b.vehicleInterest,
          date: b.preferredDate!,
          time: b.preferredTime!,
          customerName: b.customerName!,
          customerPhone: b.customerPhone!,
          customerEmail: b.customerEmail,
          callId: ctx.call.callId,
          bookingKey,
          timeZone: ctx.deps.timeZone,
          now: ctx.deps.now(),
        })
  if (!result.ok) {
    const offered = result.alternatives.map((time) => ({ date: b.preferredDate!, time }))
    const rest: Booking = { ...b, status: 'collecting', preferredTime: undefined }
    if (offered.length === 0)
      return ask(
        rest,
        { ...d, offered },
        'date',
        `I'm sorry, ${sayTime(b.preferredTime!)} was just taken and that day is now full. Which other day could work?`,
      )
    return ask(
      rest,
      { ...d, offered },
      'slot_choice',
      `I'm sorry, ${sayTime(b.preferredTime!)} was just taken. I can still do ${sayOptions(offered)}. Which would you like?`,
    )
  }
  const booked: Booking = { ...b, status: 'confirmed', appointmentId: result.appointment.id }
  const verb = action === 'reschedule' ? 'moved' : 'booked'
  return ask(
    booked,
    d,
    null,
    `You're all set: ${describeBooking(b)} ${verb} for ${sayDate(b.preferredDate!)} at ${sayTime(b.preferredTime!)}. Your confirmation number is ${result.appointment.id}. Is there anything else I can help with?`,
  )
}

async function cancelStep(ctx: Ctx, b: Booking, d: Dialog): Promise<Step> {
  if (d.targetAppointmentId === undefined) {
    const found = await findTarget(ctx, b, d)
    if ('reply' in found) return found
    return ask(
      { ...b, appointmentId: found.id, status: 'awaiting_confirmation' },
      { ...d, targetAppointmentId: found.id },
      'confirmation',
      `I found your ${describe(found)} on ${sayDate(found.date)} at ${sayTime(found.time)}. Do you want me to cancel it?`,
    )
  }
  if (ctx.affirmation === 'no')
    return ask(
      { ...b, status: 'collecting' },
      { ...d, pendingAction: null },
      null,
      "Okay, I'll keep your appointment as it is. Anything else?",
    )
  if (ctx.affirmation !== 'yes')
    return ask(b, d, 'confirmation', 'Should I cancel that appointment? Yes or no?')
  await cancelAppointment(ctx.deps.db, {
    appointmentId: d.targetAppointmentId,
    customerPhone: b.customerPhone!,
  })
  return ask(
    { ...b, status: 'cancelled', appointmentId: d.targetAppointmentId },
    d,
    null,
    'Your appointment is cancelled. If you want to book another time, just tell me when.',
  )
}

type Target = FoundAppointment

/** The customer's upcoming appointment a reschedule or cancel is about: by phone, the day if said. */
async function findTarget(ctx: Ctx, b: Booking, d: Dialog): Promise<Target | Step> {
  if (!b.customerPhone) return ask(b, d, 'phone', 'Sure. What phone number is the appointment under?')
  const found = await ctx.tools.run('find_appointments', { phone: b.customerPhone }, ctx.call)
  const upcoming = found.ok ? (found.result as Target[]) : []
  const match = upcoming.find((a) => a.date === b.preferredDate) ?? upcoming[0]
  if (!match) {
    return ask(
      { ...b, customerPhone: undefined },
      { ...d },
      'phone',
      `I don't see any upcoming appointments under ${sayPhone(b.customerPhone)}. Could it be under another number?`,
    )
  }
  return match
}

function describe(a: Target): string {
  return a.appointmentType === 'test_drive' ? 'test drive' : `${a.serviceType ?? 'service'} appointment`
}

function describeBooking(b: Booking): string {
  if (b.appointmentType === 'test_drive')
    return `a test drive${b.vehicleInterest ? ` of the ${b.vehicleInterest}` : ''}`
  return `${/^[aeiou]/i.test(b.serviceType ?? '') ? 'an' : 'a'} ${b.serviceType ?? 'service appointment'}`
}
