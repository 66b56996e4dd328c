import { Injectable } from '@nestjs/common';
import { WeaviateService } from '../knowledge/weaviate.service';
import { ModelsService } from '../models/models.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { TemporalWorkerService } from '../temporal/temporal-worker.service';

export type CheckState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, CheckState>;
  details?: Record<string, string>;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly weaviate: WeaviateService,
    private readonly models: ModelsService,
    private readonly worker: TemporalWorkerService,
  ) {}

  async check(): Promise<HealthReport> {
    const [temporalUp, weaviateUp] = await Promise.all([
      this.temporal.healthy(),
      this.weaviate.ready(),
    ]);
    const modelProblems = this.models.problems();
    const checks: Record<string, CheckState> = {
      temporal: temporalUp ? 'up' : 'down',
      weaviate: weaviateUp ? 'up' : 'down',
      models: modelProblems.length === 0 ? 'up' : 'down',
    };
    const details: Record<string, string> = {};
    if (!temporalUp) details.temporal = 'Temporal frontend did not answer within 2 s';
    if (!weaviateUp) details.weaviate = 'Weaviate is not ready';
    if (modelProblems.length) details.models = modelProblems.join('; ');
    if (this.worker.enabled) {
      checks.worker = this.worker.state === 'running' ? 'up' : 'down';
      if (checks.worker === 'down') details.worker = `embedded worker is ${this.worker.state}`;
    }
    const ok = Object.values(checks).every((c) => c === 'up');
    return { status: ok ? 'ok' : 'degraded', checks, ...(ok ? {} : { details }) };
  }
}
