/** How long one set of visibility counts serves scrapes. */
export const TASK_COUNTS_TTL_MS = 10_000;

const TASKS = "WorkflowType IN ('askWorkflow', 'researchWorkflow')";

export const TASK_STATUS_QUERIES: [string, string][] = [
  ['running', `${TASKS} AND ExecutionStatus = 'Running'`],
  ['completed', `${TASKS} AND ExecutionStatus = 'Completed'`],
  ['failed', `${TASKS} AND ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated')`],
  ['cancelled', `${TASKS} AND ExecutionStatus = 'Canceled'`],
];

/**
 * Task counts by status, from Temporal visibility, at most once per TTL whatever the scrape rate:
 * visibility requests are rate-limited per namespace (10/s by default) and shared by every tenant's
 * task lists, so four count queries per scrape per API replica would eat into them.
 */
export class TaskCounts {
  private values = new Map<string, number>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;

  constructor(
    private readonly count: (query: string) => Promise<number>,
    private readonly ttlMs = TASK_COUNTS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The counts, refreshed first when older than the TTL; concurrent scrapes share one refresh. */
  async get(): Promise<ReadonlyMap<string, number>> {
    if (this.now() - this.fetchedAt >= this.ttlMs) {
      this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
    return this.values;
  }

  private async refresh(): Promise<void> {
    const results = await Promise.allSettled(
      TASK_STATUS_QUERIES.map(
        async ([status, query]) => [status, await this.count(query)] as const,
      ),
    );
    const next = new Map(this.values);
    let anyOk = false;
    for (const r of results) {
      if (r.status === 'fulfilled') {
        next.set(r.value[0], r.value[1]);
        anyOk = true;
      }
    }
    this.values = next;
    // Temporal unreachable: keep the last values and ask again at the next scrape.
    if (anyOk) this.fetchedAt = this.now();
  }
}
