import { ParticipantKind } from '@livekit/rtc-node'
import { describe, expect, it } from 'vitest'
import { keepsTheCall } from './one-agent-per-call'

const agent = (identity: string) => ({ identity, kind: ParticipantKind.AGENT })
const caller = { identity: 'caller-1', kind: ParticipantKind.STANDARD }
const phone = { identity: 'sip-1', kind: ParticipantKind.SIP }

describe('keepsTheCall', () => {
  it('keeps a call it is the only agent in, whoever else is there', () => {
    expect(keepsTheCall('agent-AJ_b', [])).toBe(true)
    expect(keepsTheCall('agent-AJ_b', [caller, phone, { identity: 'agent-AJ_a' }])).toBe(true)
  })

  it('leaves to an agent whose identity sorts first, keeps against one that sorts later', () => {
    expect(keepsTheCall('agent-AJ_b', [caller, agent('agent-AJ_a')])).toBe(false)
    expect(keepsTheCall('agent-AJ_b', [caller, agent('agent-AJ_c')])).toBe(true)
  })

  it('leaves exactly one of any agents that see each other', () => {
    const agents = ['agent-AJ_Zx', 'agent-AJ_3k', 'agent-AJ_q9']
    const keepers = agents.filter((me) => keepsTheCall(me, agents.filter((a) => a !== me).map(agent)))
    expect(keepers).toEqual(['agent-AJ_3k'])
  })
})
