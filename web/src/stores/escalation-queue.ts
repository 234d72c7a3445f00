/**
 * The open escalation and callback tasks of every call, fed by GET /api/escalations/events (each
 * event a full snapshot), and which human agent this browser is.
 */
import { createContext, createSignal, useContext, type Accessor } from 'solid-js'
import { api } from '../lib/api'
import { openEventStream, type ConnectionStatus, type EventSourceFactory } from '../lib/event-stream'
import type { HumanAgent, TaskView } from '../lib/types'

const ME_KEY = 'pitcrew.humanAgentId'

export interface EscalationQueue {
  tasks: Accessor<TaskView[] | null>
  connection: Accessor<ConnectionStatus>
  reconnect(): void
  close(): void
  agents: Accessor<HumanAgent[] | null>
  agentsError: Accessor<string | null>
  loadAgents(): Promise<void>
  /** The human agent this browser acts as, or null for "nobody" (a supervisor watching). */
  me: Accessor<HumanAgent | null>
  setMeId(id: number | null): void
}

export function createEscalationQueue(createSource?: EventSourceFactory): EscalationQueue {
  const [tasks, setTasks] = createSignal<TaskView[] | null>(null)
  const [agents, setAgents] = createSignal<HumanAgent[] | null>(null)
  const [agentsError, setAgentsError] = createSignal<string | null>(null)
  const [meId, setMeIdSignal] = createSignal<number | null>(readMe())
  const stream = openEventStream<{ type: 'tasks'; data: { items: TaskView[] } }>(
    '/api/escalations/events',
    { tasks: (data) => setTasks(data.items) },
    createSource,
  )
  return {
    tasks,
    connection: stream.status,
    reconnect: stream.reconnect,
    close: stream.close,
    agents,
    agentsError,
    async loadAgents() {
      try {
        setAgents((await api<{ items: HumanAgent[] }>('/api/human-agents')).items)
        setAgentsError(null)
      } catch (err) {
        setAgentsError((err as Error).message)
      }
    },
    me: () => agents()?.find((a) => a.id === meId()) ?? null,
    setMeId(id) {
      setMeIdSignal(id)
      try {
        if (id === null) localStorage.removeItem(ME_KEY)
        else localStorage.setItem(ME_KEY, String(id))
      } catch {
        // storage disabled: the choice lasts for this page
      }
    },
  }
}

function readMe(): number | null {
  try {
    const raw = localStorage.getItem(ME_KEY)
    return raw && /^\d+$/.test(raw) ? Number(raw) : null
  } catch {
    return null
  }
}

export const EscalationQueueContext = createContext<EscalationQueue>()

export function useEscalationQueue(): EscalationQueue {
  const queue = useContext(EscalationQueueContext)
  if (!queue) throw new Error('useEscalationQueue outside <EscalationQueueContext.Provider>')
  return queue
}
