import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../agent/ask.types';
import { buildAgentGraph, ExtractiveEngine, initialAgentState } from '../agent';
import { cachedEmbed } from '../agent/extractive/cached-embed';
import type { QuarryConfig } from '../config/config';
import { EmbedderRegistry } from '../knowledge/embedder-registry';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { median, round } from './stats';

export interface OrchestrationFigures {
  questions: number;
  steps: number;
  in_process_ms_per_step: number;
  temporal_ms_per_step: number;
  overhead_ms_per_step: number;
  ratio: number;
  /** Of the Temporal time per step: inside the activity (the node's own work) and outside it. */
  temporal_activity_ms_per_step: number;
  temporal_outside_activity_ms_per_step: number;
}

/**
 * The same agent on the same questions, extractive engine both ways: LangGraph's own `invoke` in
 * this process, and the workflow with one activity per step. Runs alternate question by question so
 * machine noise hits both sides alike; per-step figures are medians over questions.
 */
export async function benchOrchestration(
  app: INestApplication,
  config: QuarryConfig,
  collection: string,
  questions: string[],
): Promise<OrchestrationFigures> {
  const knowledge = app.get(KnowledgeService);
  const embedders = app.get(EmbedderRegistry);
  const client = app.get(TemporalClientService).client;
  // The same engine as the worker's, embedding cache included, so both sides do the same work.
  const engine = new ExtractiveEngine(
    cachedEmbed((texts) => embedders.default().embedDocuments(texts)),
  );
  const graph = buildAgentGraph({
    engine,
    retrieve: async (query, o) =>
      (await knowledge.search('local', collection, { query, limit: o.limit })).hits.map((h) => ({
        id: h.id,
        text: h.text.slice(0, 1200),
        source: h.source,
        page: h.page,
        headingPath: h.headingPath,
        score: h.score,
      })),
  }).compile();
  const inProcess = async (question: string) => {
    const started = performance.now();
    const state = await graph.invoke(initialAgentState({ question, collection, tenant: 'local' }));
    return { ms: performance.now() - started, steps: state.steps.length };
  };
  const throughTemporal = async (question: string) => {
    const started = performance.now();
    const result = (await client.workflow.execute('askWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId: `bench-ask-${randomUUID()}`,
      args: [{ tenant: 'local', collection, question }],
    })) as AskResult;
    const activityMs = result.steps.reduce((a, s) => a + s.ms, 0);
    return { ms: performance.now() - started, steps: result.steps.length, activityMs };
  };
  // Warm both paths (model session, caches, sticky workflow cache) before measuring.
  await inProcess(questions[0]);
  await throughTemporal(questions[0]);
  const local: number[] = [];
  const temporal: number[] = [];
  const inside: number[] = [];
  let steps = 0;
  for (const q of questions) {
    const a = await inProcess(q);
    const b = await throughTemporal(q);
    steps += b.steps;
    local.push(a.ms / a.steps);
    temporal.push(b.ms / b.steps);
    inside.push(b.activityMs / b.steps);
  }
  const l = median(local);
  const t = median(temporal);
  const i = median(inside);
  return {
    questions: questions.length,
    steps,
    in_process_ms_per_step: round(l),
    temporal_ms_per_step: round(t),
    overhead_ms_per_step: round(t - l),
    ratio: round(t / l),
    temporal_activity_ms_per_step: round(i),
    temporal_outside_activity_ms_per_step: round(t - i),
  };
}
