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
import { chunkVectors } from '../agent/chunk-vectors';
import { cachedEmbed } from '../agent/extractive/cached-embed';
import { knowledgeChunkTexts, knowledgeStoredVectors } from '../agent/retrieval';
import type { QuarryConfig } from '../config/config';
import { EmbedderRegistry } from '../knowledge/embedder-registry';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { historySize } from './history-bytes';
import { median, round } from './stats';

/** Measured passes over the questions (after the warming one). */
const PASSES = 3;

export interface OrchestrationFigures {
  questions: number;
  /** Asks measured each way: questions × passes. */
  samples: number;
  steps: number;
  in_process_ms_per_step: number;
  temporal_ms_per_step: number;
  overhead_ms_per_step: number;
  ratio: number;
  /** Of the Temporal time per step: inside the activity (the node's own work) and outside it. */
  temporal_activity_ms_per_step: number;
  temporal_outside_activity_ms_per_step: number;
  /** Encoded history of one ask, read back through the client: median and largest. */
  history_bytes_per_ask: number;
  history_bytes_per_ask_max: number;
  /**
   * Where an ask's time through Temporal goes, by the client's clock and the steps' own
   * (`startedAt`, `ms`; one machine, one clock): client start → first step started, per ask;
   * between one step's end and the next one's start, per step; last step's end → the client has
   * the result, per ask. Medians over every sample.
   */
  temporal_start_ms_per_ask: number;
  temporal_between_steps_ms_per_step: number;
  temporal_end_ms_per_ask: number;
  /** Measured asks whose first workflow task the server handed straight to the worker. */
  temporal_eager_starts: number;
}

/** An ask's wall time through Temporal split around its steps (see OrchestrationFigures). */
export function splitAroundSteps(
  clientStart: number,
  clientEnd: number,
  steps: readonly { startedAt: string; ms: number }[],
): { start: number; between: number; end: number } {
  const spans = steps.map((s) => {
    const begin = Date.parse(s.startedAt);
    return { begin, end: begin + s.ms };
  });
  if (spans.length === 0) return { start: clientEnd - clientStart, between: 0, end: 0 };
  let between = 0;
  for (let k = 1; k < spans.length; k++) between += spans[k].begin - spans[k - 1].end;
  return {
    start: spans[0].begin - clientStart,
    between: spans.length > 1 ? between / (spans.length - 1) : 0,
    end: clientEnd - spans[spans.length - 1].end,
  };
}

/**
 * The same agent on the same questions, extractive engine both ways: LangGraph's own `invoke` in
 * this process, and the workflow with one activity per step. Runs alternate question by question so
 * machine noise hits both sides alike; per-step figures are medians over questions and passes.
 */
export async function benchOrchestration(
  app: INestApplication,
  config: QuarryConfig,
  collection: string,
  questions: string[],
): Promise<OrchestrationFigures> {
  const knowledge = app.get(KnowledgeService);
  const embedders = app.get(EmbedderRegistry);
  const temporalClient = app.get(TemporalClientService);
  const client = temporalClient.client;
  // The same reasoning as the worker's extractive engine: the chunks' vectors stored at ingestion
  // (read back by id, kept per chunk id), the texts through the same claim-check reader, and the
  // question's embedding cache. Both sides then do the same work, and neither pays for the other.
  const embedTexts = (texts: string[]) => embedders.default().embedDocuments(texts);
  const vectors = chunkVectors({
    embed: embedTexts,
    modelId: () => embedders.default().modelId,
    fetchStored: knowledgeStoredVectors(knowledge),
  });
  const texts = knowledgeChunkTexts(knowledge, vectors.remember);
  const reasoning = offlineReasoning({
    embed: cachedEmbed(embedTexts),
    vectors: vectors.at({ tenant: 'local', knowledgeBase: collection }),
  });
  const graph = buildAgentGraph({
    retrieve: knowledgeRetrieval(knowledge, texts),
    reasoning,
    texts,
  }).compile();
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
    const workflowId = `bench-ask-${randomUUID()}`;
    const clientStart = Date.now();
    const started = performance.now();
    // Started as the API starts a task: eagerly, on the embedded worker.
    const handle = await temporalClient.startWorkflow('askWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      args: [{ tenant: 'local', collection, question }],
    });
    const result = (await handle.result()) as AskResult;
    const ms = performance.now() - started;
    const split = splitAroundSteps(clientStart, Date.now(), result.steps);
    const activityMs = result.steps.reduce((a, s) => a + s.ms, 0);
    return {
      ms,
      steps: result.steps.length,
      activityMs,
      workflowId,
      split,
      eager: handle.eagerlyStarted,
    };
  };
  // Every question once both ways before measuring: the query-embedding cache (which both paths
  // share), each side's sentence-embedding cache, the worker's chunk cache and the model session
  // are then equally warm on both sides, and what is left between them is orchestration.
  for (const q of questions) {
    await inProcess(q);
    await throughTemporal(q);
  }
  const local: number[] = [];
  const temporal: number[] = [];
  const inside: number[] = [];
  const bytes: number[] = [];
  const starts: number[] = [];
  const betweens: number[] = [];
  const ends: number[] = [];
  let steps = 0;
  let eager = 0;
  // Several passes, and which path goes first alternates: a path run second used to find the CPU
  // caches and the event loop warm from the first. Medians are over every (question, pass) sample.
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [k, q] of questions.entries()) {
      const temporalFirst = (pass + k) % 2 === 1;
      const b0 = temporalFirst ? await throughTemporal(q) : undefined;
      const a = await inProcess(q);
      const b = b0 ?? (await throughTemporal(q));
      steps += b.steps;
      if (b.eager) eager++;
      local.push(a.ms / a.steps);
      temporal.push(b.ms / b.steps);
      inside.push(b.activityMs / b.steps);
      starts.push(b.split.start);
      betweens.push(b.split.between);
      ends.push(b.split.end);
      if (pass === 0) bytes.push((await historySize(client, b.workflowId)).bytes);
    }
  }
  const l = median(local);
  const t = median(temporal);
  const i = median(inside);
  return {
    questions: questions.length,
    samples: local.length,
    steps,
    in_process_ms_per_step: round(l),
    temporal_ms_per_step: round(t),
    overhead_ms_per_step: round(t - l),
    ratio: round(t / l),
    temporal_activity_ms_per_step: round(i),
    temporal_outside_activity_ms_per_step: round(t - i),
    history_bytes_per_ask: Math.round(median(bytes)),
    history_bytes_per_ask_max: Math.max(...bytes),
    temporal_start_ms_per_ask: round(median(starts)),
    temporal_between_steps_ms_per_step: round(median(betweens)),
    temporal_end_ms_per_ask: round(median(ends)),
    temporal_eager_starts: eager,
  };
}
