import { Context } from '@temporalio/activity';
import { FIRST_AGENT_NODE, type AgentNode } from '../../workflows/shared/agent-nodes';
import type { ModelRole } from '../config/config';
import type { EmbedderRegistry } from '../knowledge/embedder-registry';
import type { KnowledgeService } from '../knowledge/knowledge.service';
import { engineVectors, stepSeconds } from '../metrics/registry';
import type { ChatModelFactory } from '../models/chat';
import { AnswerTextStream } from '../streaming/answer-text-stream';
import type { TokenChannel } from '../streaming/token-channel';
import type {
  AgentStepDeclined,
  AgentStepMode,
  AgentStepRequest,
  AgentStepResult,
} from './ask.types';
import { runConfig, settingsForTask } from './configuration';
import { chunkVectors } from './chunk-vectors';
import { cachedEmbed } from './extractive/cached-embed';
import { DEFAULT_EXTRACTIVE_OPTIONS } from './extractive/options';
import { AGENT_NODE_NAMES, reusableAgentGraph } from './graph';
import { AGENT_NODE_TABLE } from './node-table';
import { initialAgentState } from './input';
import type { ClarifyRequest } from './nodes/clarify';
import { reasoningByRole } from './reasoning';
import { knowledgeChunkTexts, knowledgeRetrieval, knowledgeStoredVectors } from './retrieval';
import { lightenValues } from './claim-check';
import type { AgentStateValue } from './state';
import { toStepFailure } from './step-failures';
import { runOneStep } from './step-runner';
import { OtelSpansHandler } from '../tracing/langchain-spans';
import { tracingActive } from '../tracing/tracing';

export interface AgentDeps {
  knowledge: KnowledgeService;
  embedders: EmbedderRegistry;
  chatModels: ChatModelFactory;
  modelRoles: Record<ModelRole, string>;
  /** Where the answer's tokens go while it is written (best effort; the result stays durable). */
  tokens?: TokenChannel;
  /** Let the workflow run steps that call no chat model as local activities (default true). */
  localSteps?: boolean;
  /** Start-to-close timeout of a step that calls a chat model; the workflow's default if absent. */
  modelStepTimeoutMs?: number;
}

/**
 * Asked by the workflow, as a local activity, before the first step: whether the first node is
 * light for this worker, as each step's result says of the next one. The first step can then
 * skip an activity task's round trips too; replay reads the recorded answer.
 */
export function createAgentStepModeActivity({
  localSteps = true,
  modelRoles,
}: Pick<AgentDeps, 'localSteps' | 'modelRoles'>) {
  return {
    agentStepMode: (): Promise<AgentStepMode> =>
      Promise.resolve({ firstIsLight: localSteps && isLight(FIRST_AGENT_NODE, modelRoles) }),
  };
}

/** The nodes whose model call streams its reply to the task's event streams. */
const STREAMED_NODES: ReadonlySet<string> = new Set(['generate']);

/** Well inside the workflow's heartbeat timeout, so a long model call still reports progress. */
const HEARTBEAT_MS = 2000;

export type AgentStep = (req: AgentStepRequest) => Promise<AgentStepResult | AgentStepDeclined>;

/** A node that calls no chat model here: plain, or reasoning with the extractive engine. */
export function isLight(node: AgentNode, modelRoles: Record<ModelRole, string>): boolean {
  const definition = AGENT_NODE_TABLE[node]?.node;
  if (!definition) return false;
  return definition.kind === 'plain' || modelRoles[definition.role] === 'extractive';
}

/**
 * One activity per node of the table, named after it (so Temporal's history shows the agent's
 * path), each running "the next super-step" from the carried checkpoint.
 */
export function createAgentActivities({
  knowledge,
  embedders,
  chatModels,
  modelRoles,
  tokens,
  localSteps = true,
  modelStepTimeoutMs,
}: AgentDeps): Record<AgentNode, AgentStep> {
  const embedTexts = (texts: string[]) => embedders.default().embedDocuments(texts);
  // Chunks' texts are compared through vectors stored with them at ingestion (or computed once
  // per chunk); only questions are embedded per question.
  const vectors = chunkVectors({
    embed: embedTexts,
    modelId: () => embedders.default().modelId,
    fetchStored: knowledgeStoredVectors(knowledge),
    count: (source, n) => engineVectors.inc({ source }, n),
  });
  const texts = knowledgeChunkTexts(knowledge, vectors.remember);
  const retrieve = knowledgeRetrieval(knowledge, texts);
  // Offline grading and sentence choice use embedding similarity besides word overlap, so a
  // question in one language can find its answer in another.
  const offline = { embed: cachedEmbed(embedTexts), options: DEFAULT_EXTRACTIVE_OPTIONS };
  // Compiled once per worker (compiling per step cost milliseconds a step): each step passes
  // its settings and reasoning as configuration.
  const graph = reusableAgentGraph({ retrieve, texts });

  async function step(req: AgentStepRequest): Promise<AgentStepResult | AgentStepDeclined> {
    const ctx = Context.current();
    // Offered as a local call where this worker would make it an activity (local steps off, or a
    // chat model behind the node): the workflow runs it as an activity instead.
    if (ctx.info.isLocal && !(localSteps && isLight(req.node as AgentNode, modelRoles)))
      return { declined: true };
    const stepStarted = Date.now();
    // Heartbeats carry cancellation to this activity: they must keep flowing during a model call.
    // A local activity has none (its workflow task carries its cancellation).
    const heartbeat = () => {
      if (!ctx.info.isLocal) ctx.heartbeat({ node: req.node });
    };
    heartbeat();
    const beat = setInterval(heartbeat, HEARTBEAT_MS);
    try {
      const settings = settingsForTask(req.input);
      const place = { tenant: settings.tenant, knowledgeBase: settings.knowledgeBase };
      const reasoning = reasoningByRole(
        modelRoles,
        chatModels,
        { ...offline, vectors: vectors.at(place) },
        ctx.cancellationSignal,
      );
      if (tokens && STREAMED_NODES.has(req.node)) {
        const task = ctx.info.workflowExecution?.workflowId ?? '';
        const draft = `${ctx.info.activityId}.${ctx.info.attempt}`;
        const answer = new AnswerTextStream();
        reasoning.onToken = (piece) => {
          const text = answer.push(piece);
          if (text) tokens.publish({ task, node: req.node, draft, text });
        };
      }
      const outcome = await runOneStep<AgentStateValue>(
        graph,
        req.checkpoint,
        req.checkpoint ? null : initialAgentState(req.input.question),
        req.node,
        req.resume,
        lightenValues,
        {
          configurable: { ...runConfig(settings).configurable, reasoning },
          // Opened here, inside the activity's span: the node and its model calls nest under it.
          ...(tracingActive() ? { callbacks: [new OtelSpansHandler()] } : {}),
        },
      );
      const done = outcome.next.length === 0;
      stepSeconds.observe({ node: req.node, outcome: 'ok' }, outcome.ms / 1000);
      return {
        checkpoint: outcome.checkpoint,
        next: outcome.next,
        // The agent's one record of this step: the workflow keeps it, the bench reads it.
        step: {
          node: req.node,
          startedAt: new Date(Date.now() - outcome.ms).toISOString(),
          ms: outcome.ms,
          attempt: ctx.info.attempt,
          outcome: outcome.interrupt ? 'waiting' : 'ok',
        },
        answer: done && outcome.state.final ? outcome.state.final : undefined,
        ...(done || !localSteps
          ? {}
          : { nextIsLight: isLight(outcome.next[0] as AgentNode, modelRoles) }),
        ...(!done && modelStepTimeoutMs && !isLight(outcome.next[0] as AgentNode, modelRoles)
          ? { nextTimeoutMs: modelStepTimeoutMs }
          : {}),
        ...(outcome.interrupt ? { waitingFor: outcome.interrupt as ClarifyRequest } : {}),
      };
    } catch (err) {
      stepSeconds.observe({ node: req.node, outcome: 'error' }, (Date.now() - stepStarted) / 1000);
      throw toStepFailure(err, ctx.cancellationSignal);
    } finally {
      clearInterval(beat);
    }
  }

  return Object.fromEntries(AGENT_NODE_NAMES.map((node) => [node, step])) as Record<
    AgentNode,
    AgentStep
  >;
}
