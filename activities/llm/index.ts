/** LLM mode: understanding and phrasing by an OpenAI-compatible model, with offline fallbacks. */
export { createChatModel, llmConfigured, DEFAULT_LLM_MODEL, type LlmSettings } from './chat-model'
export {
  createLlmUnderstand,
  UNDERSTAND_TIMEOUT_MS,
  type LlmUnderstandDeps,
  type UnderstandFn,
} from './llm-understander'
export {
  createLlmPhrase,
  rewriteProblem,
  PHRASE_TIMEOUT_MS,
  type LlmPhraseDeps,
  type PhraseFn,
} from './llm-phraser'
