import { context, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { ChainValues } from '@langchain/core/utils/types';
import { quarryTracer } from './tracing';

interface Run {
  /** The context the run's children open their spans in. */
  ctx: Context;
  /** The run's own span, when it has one (a graph node or a model call). */
  span?: Span;
  started: number;
  /** The graph node the run belongs to, once inside one. */
  node?: string;
}

interface TokenUsage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

/** Token counts of a model call, from the provider's llmOutput or the message's usage_metadata. */
export function tokensOf(output: LLMResult): { input: number; output: number; total: number } {
  const usage = (output.llmOutput?.tokenUsage ?? output.llmOutput?.usage) as TokenUsage | undefined;
  const message = (output.generations[0]?.[0] as { message?: BaseMessage } | undefined)?.message;
  const meta = (message as { usage_metadata?: Record<string, number> } | undefined)?.usage_metadata;
  const input = usage?.promptTokens ?? meta?.input_tokens ?? 0;
  const out = usage?.completionTokens ?? meta?.output_tokens ?? 0;
  return { input, output: out, total: usage?.totalTokens ?? meta?.total_tokens ?? input + out };
}

/**
 * LangChain callbacks turned into OpenTelemetry spans: each LangGraph node run becomes a span and
 * each chat model call a span inside it, with model, provider, token counts and latency. Spans open
 * in the context the handler was made in (the activity's span), so one ask is one trace.
 */
export class OtelSpansHandler extends BaseCallbackHandler {
  name = 'quarry-otel-spans';
  // In order with the step: a span must end before the activity that holds it returns.
  override awaitHandlers = true;
  private readonly runs = new Map<string, Run>();

  constructor(private readonly parent: Context = context.active()) {
    super();
  }

  /** Where a run's children belong: its nearest ancestor with a span, else the activity's. */
  contextOf(runId: string | undefined): Context {
    return (runId && this.runs.get(runId)?.ctx) || this.parent;
  }

  // Named by the order CallbackManager really passes them (the .d.ts lists another order).
  override handleChainStart(
    _chain: Serialized,
    _inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    const ctx = this.contextOf(parentRunId);
    const inside = parentRunId ? this.runs.get(parentRunId)?.node : undefined;
    const node = metadata?.langgraph_node;
    // The node's own run is named after it; runs inside it (structured output, routers) are not.
    if (typeof node !== 'string' || runName !== node || inside === node) {
      this.runs.set(runId, { ctx, started: Date.now(), ...(inside ? { node: inside } : {}) });
      return;
    }
    const span = quarryTracer().startSpan(
      `node ${node}`,
      {
        attributes: {
          'langgraph.node': node,
          'langgraph.step': Number(metadata?.langgraph_step ?? 0),
        },
      },
      ctx,
    );
    this.runs.set(runId, { ctx: trace.setSpan(ctx, span), span, started: Date.now(), node });
  }

  override handleChainEnd(_outputs: ChainValues, runId: string): void {
    this.finish(runId);
  }

  override handleChainError(err: Error, runId: string): void {
    this.finish(runId, err);
  }

  override handleChatModelStart(
    _llm: Serialized,
    _messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): void {
    const ctx = this.contextOf(parentRunId);
    const invocation = extraParams?.invocation_params as { model?: string } | undefined;
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const model = text(metadata?.ls_model_name) ?? text(invocation?.model) ?? 'unknown';
    const provider = text(metadata?.ls_provider) ?? 'unknown';
    const span = quarryTracer().startSpan(
      `chat ${model}`,
      {
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': provider,
          'gen_ai.request.model': model,
          ...(typeof metadata?.langgraph_node === 'string'
            ? { 'langgraph.node': metadata.langgraph_node }
            : {}),
        },
      },
      ctx,
    );
    this.runs.set(runId, { ctx: trace.setSpan(ctx, span), span, started: Date.now() });
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const span = this.runs.get(runId)?.span;
    if (span) {
      const tokens = tokensOf(output);
      span.setAttributes({
        'gen_ai.usage.input_tokens': tokens.input,
        'gen_ai.usage.output_tokens': tokens.output,
        'gen_ai.usage.total_tokens': tokens.total,
      });
    }
    this.finish(runId);
  }

  override handleLLMError(err: Error, runId: string): void {
    this.finish(runId, err);
  }

  private finish(runId: string, err?: Error): void {
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    if (!run?.span) return;
    run.span.setAttribute('quarry.latency_ms', Date.now() - run.started);
    if (err) {
      run.span.recordException(err);
      run.span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    }
    run.span.end();
  }
}
