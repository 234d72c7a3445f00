export { buildTurnGraph, runTurnGraph } from './turn-graph'
export type { GraphDeps } from './deps'
