import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { z } from 'zod';
import type { ChunkTexts } from './chunk-texts';
import type { EngineVectors } from './chunk-vectors';
import { hydrate } from './claim-check';
import type { ModelRole } from '../config/config';
import { settingsOf, type AgentSettings } from './configuration';
import type { Embed, ExtractiveOptions } from './extractive/options';
import type { PromptLimits } from './llm/prompt-budget';
import { reason, type Reasoning } from './reasoning';
import type { Retrieve } from './retrieval';
import type { AgentStateUpdate, AgentStateValue } from './state';

/** What a node is given besides the state. */
export interface NodeContext {
  settings: AgentSettings;
  retrieve: Retrieve;
}

/** A node that needs no model: its update from the state, the run's settings and retrieval. */
export interface PlainNode {
  readonly kind: 'plain';
  run(state: AgentStateValue, ctx: NodeContext): AgentStateUpdate | Promise<AgentStateUpdate>;
}

/**
 * A node's model-backed form. `schema` is the reply's shape: an object schema is sent to the
 * model as JSON schema and checks the reply on its way back (`withStructuredOutput(schema)` takes
 * the same schema); `z.string()` asks for plain text. `read` gets `undefined` for a reply that does
 * not match: replies are checked, never trusted.
 */
export interface ModelForm<Task, Out, Reply> {
  system: string;
  /** The prompt, its documents fitted to the model's context (`limits`) where one is configured. */
  prompt(task: Task, limits: PromptLimits): string;
  schema: z.ZodType<Reply>;
  /** The reply's token budget; the model's configured budget when absent. */
  maxTokens?: number;
  /** The reply's token budget by task (over `maxTokens`), for replies that grow with the task. */
  replyTokens?(task: Task): number;
  /**
   * A task too large for one call of this model split into parts asked one after another (each a
   * short call), with `combine` joining their outcomes; absent, the task is one call.
   */
  split?(task: Task, limits: PromptLimits): Task[];
  combine?(outs: Out[]): Out;
  /** An outcome known without asking (nothing to judge); `undefined` to ask the model. */
  settled?(task: Task): Out | undefined;
  read(reply: Reply | undefined, task: Task): Out;
}

/** What the offline (extractive) forms use: an embedder where there is one, and thresholds. */
export interface OfflineTools {
  embed?: Embed;
  /** Vectors of the chunks' texts stored at ingestion; without them the texts are embedded. */
  vectors?: EngineVectors;
  options: ExtractiveOptions;
}

/**
 * A node whose reasoning is done by the chat model configured for its role, or offline (the
 * extractive engine) where that role is `extractive`. Both forms map the same task to the same
 * outcome type, and one `update` turns the outcome into state.
 */
export interface ModelBackedNode<Task, Out, Reply> {
  readonly kind: 'model';
  /** Which configured model does the reasoning (`QUARRY_MODEL_<ROLE>`). */
  readonly role: ModelRole;
  /** What to reason about, from the state; `null` when there is nothing to do (no update). */
  task(state: AgentStateValue, settings: AgentSettings): Task | null;
  model: ModelForm<Task, Out, Reply>;
  offline(task: Task, tools: OfflineTools): Out | Promise<Out>;
  update(state: AgentStateValue, out: Out): AgentStateUpdate;
}

/** Any node; the table holds model-backed nodes of different task and outcome types. */
export type NodeDefinition = PlainNode | ModelBackedNode<unknown, unknown, unknown>;

export function plainNode(run: PlainNode['run']): PlainNode {
  return { kind: 'plain', run };
}

export function modelBackedNode<Task, Out, Reply>(
  node: Omit<ModelBackedNode<Task, Out, Reply>, 'kind'>,
): ModelBackedNode<Task, Out, Reply> {
  return { kind: 'model', ...node };
}

/** What the graph is built with: the only I/O nodes reach. */
export interface AgentGraphDeps {
  retrieve: Retrieve;
  /**
   * Who reasons, for every run of this graph; a run's own (`config.configurable.reasoning`, a
   * step's cancellation and token stream) comes first, so one compiled graph serves every step.
   */
  reasoning?: Reasoning;
  /** Reads back the chunk texts a carried checkpoint leaves out (absent: chunks carry their texts). */
  texts?: ChunkTexts;
}

/** The LangGraph node function for a definition; settings come from the run's configuration. */
export function graphNode(definition: NodeDefinition, deps: AgentGraphDeps) {
  return async (
    carried: AgentStateValue,
    config?: LangGraphRunnableConfig,
  ): Promise<AgentStateUpdate> => {
    const settings = settingsOf(config);
    // Nodes see whole chunks; chunks that could not be read back are dropped before they run.
    const { state, update: dropped } = await hydrate(carried, settings, deps.texts);
    if (definition.kind === 'plain')
      return {
        ...dropped,
        ...(await definition.run(state, { settings, retrieve: deps.retrieve })),
      };
    const task: unknown = definition.task(state, settings);
    if (task === null) return dropped;
    const reasoning =
      (config?.configurable as { reasoning?: Reasoning } | undefined)?.reasoning ?? deps.reasoning;
    if (!reasoning) throw new Error('the agent ran without reasoning in its deps or configuration');
    const { out, usage } = await reason(definition, task, reasoning);
    return { ...dropped, ...definition.update(state, out), ...(usage ? { usage } : {}) };
  };
}
