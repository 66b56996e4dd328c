import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { EmbedderRegistry } from '../knowledge/embedder-registry';
import { Staging } from '../knowledge/ingest/staging';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { KnowledgeStore } from '../knowledge/store';
import { WeaviateService } from '../knowledge/weaviate.service';
import { ModelsService } from '../models/models.service';
import { TokenChannelService } from '../streaming/token-channel.service';
import { tracingSinks, tracingWorkerInterceptors } from '../tracing/temporal-tracing';
import { createActivities } from './activities';
import { WORKFLOWS_PATH } from './workflow-bundle';
import { TemporalClientService, temporalConnectionOptions } from './temporal-client.service';

export { WORKFLOWS_PATH } from './workflow-bundle';

export type WorkerState = 'off' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/**
 * The Temporal worker as a Nest provider: created and started on bootstrap, its run promise held,
 * and on shutdown drained and awaited before connections close.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  state: WorkerState = 'off';
  failure?: Error;

  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly weaviate: WeaviateService,
    private readonly store: KnowledgeStore,
    private readonly embedders: EmbedderRegistry,
    private readonly staging: Staging,
    private readonly knowledge: KnowledgeService,
    private readonly models: ModelsService,
    private readonly tokens: TokenChannelService,
    private readonly temporal: TemporalClientService,
  ) {}

  get enabled(): boolean {
    return this.config.temporal.embeddedWorker;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.state = 'starting';
    const { namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect(
      temporalConnectionOptions(this.config.temporal),
    );
    const bundlePath = this.config.temporal.workflowBundle;
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      ...(bundlePath
        ? { workflowBundle: { codePath: bundlePath } }
        : { workflowsPath: WORKFLOWS_PATH }),
      // A prebuilt bundle carries the workflow interceptors already (bundleQuarryWorkflows).
      interceptors: tracingWorkerInterceptors(!bundlePath),
      sinks: tracingSinks(),
      activities: createActivities({
        weaviate: () => this.weaviate.client(),
        store: this.store,
        embedders: this.embedders,
        staging: this.staging,
        pdfLimits: {
          timeoutMs: this.config.ingest.pdfTimeoutMs,
          maxMemoryMb: this.config.ingest.pdfMaxMemoryMb,
        },
        knowledge: this.knowledge,
        chatModels: this.models.chat,
        modelRoles: this.models.roles,
        tokens: this.tokens,
        localSteps: this.config.temporal.localSteps,
        modelStepTimeoutMs: this.config.temporal.modelStepTimeoutMs,
        webhookSecret: this.config.webhookSecret,
        webhookAllowHosts: this.config.webhookAllowHosts,
      }),
      shutdownGraceTime: '10 seconds',
      // Cancellation reaches an activity with a heartbeat's reply: a few seconds, not the default 30.
      maxHeartbeatThrottleInterval: '3 seconds',
    });
    this.running = this.worker.run().then(
      () => {
        this.state = 'stopped';
        this.temporal.startThroughWorker(undefined);
      },
      (err: Error) => {
        this.state = 'failed';
        // Tasks then start ordinarily, for whichever worker polls the queue.
        this.temporal.startThroughWorker(undefined);
        this.failure = err;
        this.logger.error(`worker stopped with an error: ${err.message}`, err.stack);
      },
    );
    this.state = 'running';
    this.temporal.startThroughWorker(this.connection);
    this.logger.log(`worker polling task queue "${taskQueue}" in namespace "${namespace}"`);
  }

  /** Resolves when the worker stops, for whatever reason; `state` then says whether it failed. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    this.state = 'stopping';
    this.temporal.startThroughWorker(undefined);
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
    this.worker = undefined;
  }
}
