/**
 * The chat model of LLM mode: any OpenAI-compatible server. Nothing here runs unless the operator
 * configured an API key or a base URL, so the default (offline) crew never reaches the network.
 */
import { ChatOpenAI } from '@langchain/openai'

/** What config/env.ts reads from OPENAI_API_KEY, LLM_BASE_URL and LLM_MODEL. */
export interface LlmSettings {
  apiKey?: string
  baseUrl?: string
  model?: string
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini'
/** Local servers (llama.cpp, Ollama, vLLM) ignore the key, but the OpenAI client insists on one. */
const PLACEHOLDER_KEY = 'no-key'
/** Each call also has its own, usually shorter, deadline; this only bounds a stray request. */
const CLIENT_TIMEOUT_MS = 10_000

/** True when LLM mode is configured: an API key, or a base URL of a (local) compatible server. */
export function llmConfigured(llm: LlmSettings | undefined): boolean {
  return Boolean(llm?.apiKey || llm?.baseUrl)
}

/**
 * A ChatOpenAI for the configured server, or null when neither a key nor a base URL is set. No
 * retries: a failed call falls back to the offline NLU at once instead of stalling the turn.
 */
export function createChatModel(llm: LlmSettings | undefined): ChatOpenAI | null {
  if (!llm || !llmConfigured(llm)) return null
  return new ChatOpenAI({
    model: llm.model || DEFAULT_LLM_MODEL,
    apiKey: llm.apiKey || PLACEHOLDER_KEY,
    configuration: llm.baseUrl ? { baseURL: llm.baseUrl } : {},
    maxRetries: 0,
    timeout: CLIENT_TIMEOUT_MS,
    // Chat Completions is what every OpenAI-compatible server implements.
    useResponsesApi: false,
  })
}
