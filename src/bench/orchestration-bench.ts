import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import {
  agentSettings,
  buildAgentGraph,
  initialAgentState,
  knowledgeRetrieval,
  offlineReasoning,
  runConfig,
} from '../agent';
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
  // The same reasoning as the worker's extractive engine, embedding cache included, so both sides
  // do the same work.
  const reasoning = offlineReasoning({
    embed: cachedEmbed((texts) => embedders.default().embedDocuments(texts)),
  });
  const graph = buildAgentGraph({ retrieve: knowledgeRetrieval(knowledge), reasoning }).compile();
  const settings = agentSettings({ tenant: 'local', knowledgeBase: collection });
  const inProcess = async (question: string) => {
    const started = performance.now();
    // One update per node run: the in-process count of what the workflow records as steps.
    let steps = 0;
    const updates = await graph.stream(initialAgentState(question), {
      ...runConfig(settings),
      streamMode: 'updates',
    });
    for await (const _update of updates) steps++;
    return { ms: performance.now() - started, steps };
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
