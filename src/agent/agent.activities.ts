import { Context } from '@temporalio/activity';
import { AGENT_NODES, type AgentNode } from '../../workflows/shared/agent-nodes';
import type { ModelRole } from '../config/config';
import type { EmbedderRegistry } from '../knowledge/embedder-registry';
import { capHeadingPath } from '../knowledge/heading-limits';
import type { KnowledgeService } from '../knowledge/knowledge.service';
import type { ChatModelFactory } from '../models/chat';
import type { AgentStepRequest, AgentStepResult } from './ask.types';
import { stepSeconds } from '../metrics/registry';
import { ExtractiveEngine } from './extractive';
import { cachedEmbed } from './extractive/cached-embed';
import { buildAgentGraph } from './graph';
import { engineForRoles } from './engines-by-role';
import type { ClarifyRequest } from './nodes/clarify';
import { initialAgentState } from './input';
import type { AgentInput, AgentStateValue } from './state';
import { toStepFailure } from './step-failures';
import { runOneStep } from './step-runner';
import type { RetrievedChunk } from './types';

export interface AgentDeps {
  knowledge: KnowledgeService;
  embedders: EmbedderRegistry;
  chatModels: ChatModelFactory;
  modelRoles: Record<ModelRole, string>;
}

/** Well inside the workflow's heartbeat timeout, so a long model call still reports progress. */
const HEARTBEAT_MS = 2000;

/** Chunk text the checkpoint carries: enough to quote and check, small enough for Temporal. */
const CHUNK_CHARS = 1200;

function toAgentInput(req: AgentStepRequest): AgentInput {
  const { tenant, collection, question, options } = req.input;
  return {
    tenant,
    collection,
    question,
    budgets: { maxRetrievals: options?.maxRetrievals, maxGenerations: options?.maxGenerations },
    allowClarify: options?.allowClarify,
  };
}

/** Activities named after the graph's nodes, all running "the next super-step". */
export function createAgentActivities({
  knowledge,
  embedders,
  chatModels,
  modelRoles,
}: AgentDeps): Record<AgentNode, (req: AgentStepRequest) => Promise<AgentStepResult>> {
  // Grading and sentence choice use embedding similarity besides word overlap, so a question in
  // one language can find its answer in another.
  const extractive = new ExtractiveEngine(
    cachedEmbed((texts) => embedders.default().embedDocuments(texts)),
  );

  async function step(req: AgentStepRequest): Promise<AgentStepResult> {
    const ctx = Context.current();
    const stepStarted = Date.now();
    ctx.heartbeat({ node: req.node });
    // Heartbeats carry cancellation to this activity: they must keep flowing during a model call.
    const beat = setInterval(() => ctx.heartbeat({ node: req.node }), HEARTBEAT_MS);
    const engine = engineForRoles(modelRoles, chatModels, extractive, ctx.cancellationSignal);
    const topK = req.input.options?.topK ?? 8;
    const retrieve = async (query: string): Promise<RetrievedChunk[]> => {
      const res = await knowledge.search(req.input.tenant, req.input.collection, {
        query,
        limit: topK,
      });
      return res.hits.map((h) => ({
        id: h.id,
        text: h.text.slice(0, CHUNK_CHARS),
        source: h.source,
        page: h.page,
        // Bounded again for chunks stored before headings were capped at ingestion.
        headingPath: capHeadingPath(h.headingPath),
        score: h.score,
      }));
    };
    const compile = (checkpointer: Parameters<Parameters<typeof runOneStep>[0]>[0]) =>
      buildAgentGraph({ retrieve, engine }).compile({
        checkpointer,
        interruptAfter: [...AGENT_NODES],
      });
    try {
      const outcome = await runOneStep<AgentStateValue>(
        compile,
        req.checkpoint,
        req.checkpoint ? null : initialAgentState(toAgentInput(req)),
        req.node,
        req.resume,
      );
      const done = outcome.next.length === 0;
      stepSeconds.observe({ node: req.node, outcome: 'ok' }, outcome.ms / 1000);
      return {
        checkpoint: outcome.checkpoint,
        next: outcome.next,
        step: {
          node: req.node,
          startedAt: new Date(Date.now() - outcome.ms).toISOString(),
          ms: outcome.ms,
          attempt: ctx.info.attempt,
          outcome: outcome.interrupt ? 'waiting' : 'ok',
        },
        answer: done && outcome.state.final ? outcome.state.final : undefined,
        ...(outcome.interrupt ? { waitingFor: outcome.interrupt as ClarifyRequest } : {}),
      };
    } catch (err) {
      stepSeconds.observe({ node: req.node, outcome: 'error' }, (Date.now() - stepStarted) / 1000);
      throw toStepFailure(err, ctx.cancellationSignal);
    } finally {
      clearInterval(beat);
    }
  }

  return Object.fromEntries(AGENT_NODES.map((node) => [node, step])) as Record<
    AgentNode,
    typeof step
  >;
}
