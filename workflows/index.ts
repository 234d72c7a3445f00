/**
 * Every workflow the pitcrew worker runs. The worker bundles this file for the Temporal sandbox:
 * only `@temporalio/workflow`, `domain/` and activity types may be imported from here.
 */
export { callWorkflow } from './call-workflow'
export { escalationWorkflow } from './escalation-workflow'
export { webhookDeliveryWorkflow } from './webhook-delivery-workflow'
export { analysisWorkflow } from './call-analysis'
export { voiceMessageWorkflow } from './voice-message-workflow'
