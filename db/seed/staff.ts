/** The people who take escalated calls, and what appointments occupy (service bays, sales consultants). */
import type { humanAgents, resources } from '../schema'

export const HUMAN_AGENTS: (typeof humanAgents.$inferInsert)[] = [
  {
    name: 'Maria Alvarez',
    email: 'maria.alvarez@springfieldauto.example',
    role: 'Service Advisor',
    skills: ['service', 'booking', 'recalls'],
    available: true,
  },
  {
    name: 'Derek Thompson',
    email: 'derek.thompson@springfieldauto.example',
    role: 'Sales Manager',
    skills: ['sales', 'test_drive', 'trade_in'],
    available: true,
  },
  {
    name: 'Priya Natarajan',
    email: 'priya.natarajan@springfieldauto.example',
    role: 'Finance Manager',
    skills: ['financing', 'complaints'],
    available: true,
  },
]

/** Bays are booked for service appointments, consultants for test drives. */
export const RESOURCES: (typeof resources.$inferInsert)[] = [
  { kind: 'service_bay', name: 'Service Bay 1' },
  { kind: 'service_bay', name: 'Service Bay 2' },
  { kind: 'service_bay', name: 'Service Bay 3' },
  { kind: 'service_bay', name: 'Service Bay 4 (Express)' },
  { kind: 'sales_consultant', name: 'Jordan Reyes' },
  { kind: 'sales_consultant', name: 'Aisha Coleman' },
  { kind: 'sales_consultant', name: 'Tom Brennan' },
]
