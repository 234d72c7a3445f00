export {
  TOOLS,
  decodeVin,
  addVehicle,
  lookupCustomer,
  searchInventory,
  findAppointments,
  type FoundAppointment,
} from './definitions'
export { createToolRunner, type ToolDeps, type ToolOutcome, type ToolRunner } from './runner'
export { ToolError, type ToolContext, type ToolDefinition } from './tool'
export { openAiTools } from './openai-tools'
