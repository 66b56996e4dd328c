import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  Client,
  Connection,
  type ConnectionOptions,
  type WorkflowHandleWithStartDetails,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { temporalClientCalls, workflowStarts } from '../metrics/registry';
import { tracingClientInterceptors } from '../tracing/temporal-tracing';

export function temporalConnectionOptions(t: QuarryConfig['temporal']) {
  if (!t.address) throw new Error('TEMPORAL_ADDRESS is not set and no local stack provided one');
  return { address: t.address, tls: t.tls ? {} : undefined, apiKey: t.apiKey };
}

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** Counts every call this process makes to Temporal, by method (what watching tasks costs). */
const countCalls: GrpcInterceptor = (options, nextCall) => {
  const path = options.method_definition.path;
  temporalClientCalls.inc({ method: path.slice(path.lastIndexOf('/') + 1) });
  return nextCall(options) as ReturnType<GrpcInterceptor>;
};

/** The Temporal client of the process: lazy, so the API boots (and reports 503) while Temporal is down. */
@Injectable()
export class TemporalClientService implements OnModuleInit, OnModuleDestroy {
  private connection?: Connection;
  private clientInstance?: Client;
  /** A client on the embedded worker's connection, while that worker runs (eager start). */
  private starter?: Client;

  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {}

  onModuleInit(): void {
    this.connection = Connection.lazy({
      ...temporalConnectionOptions(this.config.temporal),
      interceptors: [countCalls],
    });
    this.clientInstance = new Client({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      interceptors: tracingClientInterceptors(),
    });
  }

  get client(): Client {
    if (!this.clientInstance) throw new Error('Temporal client used before module init');
    return this.clientInstance;
  }

  /**
   * Starts through the embedded worker's own connection from now on (`undefined`: no longer).
   * The server can then hand a new workflow's first task back with the start call's reply,
   * straight to that worker, instead of queueing it for a poll (Temporal's eager workflow
   * start): one round trip through the server's task matching less per task.
   */
  startThroughWorker(connection: NativeConnection | undefined): void {
    this.starter = connection
      ? new Client({
          connection,
          namespace: this.config.temporal.namespace,
          interceptors: tracingClientInterceptors(),
        })
      : undefined;
  }

  /**
   * Starts a workflow, asking for an eager start when the embedded worker runs (the server
   * declines it when the worker has no free slot or the workflow already runs, and the start is
   * then an ordinary one). Every other call goes through the API's own connection.
   */
  async startWorkflow(
    workflowType: string,
    options: WorkflowStartOptions,
  ): Promise<WorkflowHandleWithStartDetails> {
    const starter = this.starter;
    const handle = starter
      ? await starter.workflow.start(workflowType, { ...options, requestEagerStart: true })
      : await this.client.workflow.start(workflowType, options);
    workflowStarts.inc({ eager: String(handle.eagerlyStarted) });
    return handle;
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  async healthy(timeoutMs = 2000): Promise<boolean> {
    if (!this.connection) return false;
    try {
      await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection!.workflowService.describeNamespace({
          namespace: this.config.temporal.namespace,
        }),
      );
      return true;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection?.close();
  }
}
