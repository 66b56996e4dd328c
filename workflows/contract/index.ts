/**
 * The workflow boundary, declared once: what tasks take (inputs.ts, with every limit from
 * limits.ts), what they return (results.ts), what they report while running (progress.ts) and the
 * queries, updates and signals that reach them (definitions.ts). Workflow code and the API both
 * import it; workflow code imports nothing else at run time but @temporalio/workflow.
 */
export * from './limits';
export * from './fields';
export * from './inputs';
export * from './results';
export * from './problems';
export * from './progress';
export * from './definitions';
