/**
 * The workflow boundary, declared once: what tasks take (inputs.ts, with every limit from
 * limits.ts), what they return (results.ts), what they report while running (progress.ts) and the
 * queries, updates and signals that reach them (definitions.ts). The API imports this index.
 * Workflow code imports the files it runs (inputs, definitions, limits, problems, usage) and only
 * types from here: each workflow start evaluates its modules afresh, and the result schemas, which
 * only the API's documentation needs, would cost every start their construction.
 */
export * from './limits';
export * from './fields';
export * from './inputs';
export * from './results';
export * from './usage';
export * from './problems';
export * from './progress';
export * from './definitions';
