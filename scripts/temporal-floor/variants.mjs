// What the floor reproduction compares: dev-server variants (flags, pragmas, dynamic config)
// and worker/workflow variants, each against Quarry's dev stack as it was (`quarry`).
const WAL = ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'];
const dc = (k, v) => ['--dynamic-config-value', `${k}=${JSON.stringify(v)}`];
const FAST = [
  ...dc('history.transferProcessorMaxPollRPS', 10000),
  ...dc('history.timerProcessorMaxPollRPS', 10000),
  ...dc('history.visibilityProcessorMaxPollRPS', 10000),
];

// One thing changed per variant against `quarry` (Quarry's dev stack before this work).
export const SERVERS = {
  quarry: { file: true, args: WAL },
  walFull: { file: true, args: ['--sqlite-pragma', 'journal_mode=WAL'] },
  memory: { file: false, args: [] },
  fileDefaultPragmas: { file: true, args: [] },
  syncOff: {
    file: true,
    args: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'],
  },
  transferRps: { file: true, args: [...WAL, ...dc('history.transferProcessorMaxPollRPS', 10000)] },
  allQueueRps: { file: true, args: [...WAL, ...FAST] },
  eager: { file: true, args: [...WAL, ...dc('system.enableActivityEagerExecution', true)] },
  eagerRps: {
    file: true,
    args: [...WAL, ...FAST, ...dc('system.enableActivityEagerExecution', true)],
  },
  onePartition: {
    file: true,
    args: [
      ...WAL,
      ...dc('matching.numTaskqueueReadPartitions', 1),
      ...dc('matching.numTaskqueueWritePartitions', 1),
    ],
  },
};

export const ALL_VARIANTS = [
  { name: 'baseline', server: 'quarry' },
  { name: 'db in memory', server: 'memory' },
  { name: 'sqlite default pragmas', server: 'fileDefaultPragmas' },
  { name: 'synchronous=OFF', server: 'syncOff' },
  { name: 'WAL, synchronous=FULL', server: 'walFull' },
  { name: 'transferProcessorMaxPollRPS=10000', server: 'transferRps' },
  { name: 'all queue MaxPollRPS=10000', server: 'allQueueRps' },
  { name: 'eager activities (server flag)', server: 'eager' },
  { name: 'eager + queue RPS', server: 'eagerRps' },
  { name: 'one task-queue partition', server: 'onePartition' },
  { name: 'maxCachedWorkflows=0 (no sticky)', server: 'quarry', worker: { maxCachedWorkflows: 0 } },
  {
    name: 'nonStickyToStickyPollRatio=1',
    server: 'quarry',
    worker: { nonStickyToStickyPollRatio: 1 },
  },
  {
    name: 'activity polls=1, wf polls=2',
    server: 'quarry',
    worker: { maxConcurrentActivityTaskPolls: 1, maxConcurrentWorkflowTaskPolls: 2 },
  },
  {
    name: 'poller autoscaling',
    server: 'quarry',
    worker: {
      workflowTaskPollerBehavior: { type: 'autoscaling' },
      activityTaskPollerBehavior: { type: 'autoscaling' },
    },
  },
  {
    name: 'debugMode (workflows on the main thread)',
    server: 'quarry',
    worker: { debugMode: true },
  },
  { name: 'reuseV8Context=false', server: 'quarry', worker: { reuseV8Context: false } },
  { name: 'local activity', server: 'quarry', workflow: 'localCalls' },
  // Quarry's worker carries Temporal's OpenTelemetry interceptors whether or not traces are exported.
  { name: 'otel interceptors', server: 'quarry', otel: true },
  {
    name: 'otel interceptors + local activity',
    server: 'quarry',
    otel: true,
    workflow: 'localCalls',
  },
  // A Quarry step's size: ~6 KB of JSON in (input and checkpoint) and out (checkpoint and record).
  { name: '6 KB payloads', server: 'quarry', workflow: 'payloadCalls' },
  { name: '6 KB payloads + local activity', server: 'quarry', workflow: 'localPayloadCalls' },
  { name: 'local activity + queue RPS', server: 'allQueueRps', workflow: 'localCalls' },
  // The starter on the worker's own connection, as eager workflow start requires; then the request.
  {
    name: 'local activity, client on the worker connection',
    server: 'quarry',
    workflow: 'localCalls',
    nativeClient: true,
  },
  {
    name: 'local activity, eager workflow start',
    server: 'quarry',
    workflow: 'localCalls',
    nativeClient: true,
    eagerStart: true,
  },
  // The per-workflow part of the above: the same start and result with no call in between.
  {
    name: 'no call, eager workflow start',
    server: 'quarry',
    workflow: 'noCalls',
    nativeClient: true,
    eagerStart: true,
  },
];
