// The worker's workflow bundle entry: every workflow Quarry registers.
export { diagnosticsWorkflow } from './diagnostics.workflow';
export { ingestWorkflow } from './ingest.workflow';
export { askWorkflow } from './ask.workflow';
export { researchWorkflow } from './research.workflow';
