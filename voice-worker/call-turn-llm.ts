/**
 * The "LLM" of the voice session is pitcrew's call workflow: each final user utterance becomes one
 * `userTurn` Update (through the API) and the crew's reply is what the agent says. The session needs
 * an `llm.LLM` to run turns at all, so this adapter is one.
 */
import { DEFAULT_API_CONNECT_OPTIONS, llm, shortuuid, type APIConnectOptions } from '@livekit/agents'

/** Runs one customer turn; `turnKey` names the utterance so a retry is the same turn. */
export type RunTurn = (text: string, turnKey: string) => Promise<string | null>

export class CallTurnLLM extends llm.LLM {
  constructor(private readonly runTurn: RunTurn) {
    super()
  }

  label(): string {
    return 'pitcrew.CallTurnLLM'
  }

  override get model(): string {
    return 'pitcrew-call-workflow'
  }

  chat({
    chatCtx,
    connOptions,
  }: {
    chatCtx: llm.ChatContext
    connOptions?: APIConnectOptions
  }): llm.LLMStream {
    return new CallTurnStream(this, this.runTurn, {
      chatCtx,
      connOptions: connOptions ?? DEFAULT_API_CONNECT_OPTIONS,
    })
  }
}

class CallTurnStream extends llm.LLMStream {
  constructor(
    owner: CallTurnLLM,
    private readonly runTurn: RunTurn,
    opts: { chatCtx: llm.ChatContext; connOptions: APIConnectOptions },
  ) {
    super(owner, opts)
  }

  protected async run(): Promise<void> {
    const lastUser = [...this.chatCtx.items]
      .reverse()
      .find((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
    const text = lastUser?.textContent?.trim()
    if (!lastUser || !text) return
    const reply = await this.runTurn(text, lastUser.id)
    // A turn can end without a reply (a human agent has the call): then the agent stays silent.
    if (reply) this.queue.put({ id: shortuuid('turn_'), delta: { role: 'assistant', content: reply } })
  }
}
