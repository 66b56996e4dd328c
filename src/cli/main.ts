import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, type QuarryConfig } from '../config/config';
import { ProvisionError } from '../stack/provision';
import { runSetup } from '../stack/provision/setup-command';
import { serveCommand, workerCommand } from './serve-command';
import { startCommand } from './start-command';
import { loadClientConfig } from './client/client-config';
import { QuarryClient } from './client/quarry-client';
import { benchCommand, type BenchOptions } from '../bench/bench-command';
import { askCommand, type AskOptions } from './ask-command';
import { evalCommand, type EvalOptions } from './eval-command';
import { ingestCommand } from './ingest/ingest-command';
import { mcpCommand } from './mcp-command';
import { registerScheduleCommands } from './schedule-command';

/** Prints one clear line instead of a stack trace for the errors a user can fix. */
function fail(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`quarry: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof ProvisionError) {
    process.stderr.write(`quarry: ${err.message}\n`);
    process.exit(1);
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`quarry: ${message}\n`);
  if (process.env.QUARRY_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

function config(): QuarryConfig {
  return loadConfig(process.env);
}

const program = new Command()
  .name('quarry')
  .description('Durable research agents: LangGraph inside Temporal, retrieving from Weaviate.')
  .showHelpAfterError();

program
  .command('setup')
  .description(
    'Fetch the Temporal CLI, build Weaviate, fetch the model weights (cached; idempotent)',
  )
  .option(
    '--stack <kind>',
    'production also builds the Temporal server and installs PostgreSQL (default: QUARRY_STACK)',
  )
  .action(async (opts: { stack?: string }) => {
    const c = config();
    const stack = opts.stack ?? c.stack.kind;
    if (stack !== 'dev' && stack !== 'production')
      throw new Error('--stack must be dev or production');
    const code = await runSetup({
      cacheDir: c.paths.cacheDir,
      tools: c.tools,
      stack,
      postgresBinDir: c.tools.postgresBinDir,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.exitCode = code;
  });

program
  .command('start')
  .description('Start the local stack (Temporal dev server, Weaviate) and Quarry with its worker')
  .action(() => startCommand(config()));

program
  .command('serve')
  .description('Run the API against configured servers (TEMPORAL_ADDRESS, WEAVIATE_URL)')
  .action(() => serveCommand(config()));

program
  .command('worker')
  .description('Run a Temporal worker alone against configured servers or a running local stack')
  .action(() => workerCommand(config()));

function client(): QuarryClient {
  return new QuarryClient(loadClientConfig(process.env));
}

program
  .command('ingest')
  .description(
    'Add files or folders to a knowledge base of a running Quarry (creating it if needed)',
  )
  .argument('<paths...>', 'files and folders')
  .requiredOption('-c, --collection <name>', 'knowledge base name')
  .option('--sync', 'make the knowledge base match the folder: add, update and remove documents')
  .action(async (paths: string[], opts: { collection: string; sync?: boolean }) => {
    if (opts.sync && paths.length !== 1) throw new Error('--sync takes exactly one folder');
    process.exitCode = await ingestCommand(paths, opts, client());
  });

program
  .command('ask')
  .description('Ask a question over a knowledge base (a task on a running Quarry)')
  .argument('<question>', 'the question')
  .requiredOption('-c, --collection <name>', 'knowledge base name')
  .option('--research', 'research mode: plan sub-questions and write a report')
  .option('--approve-plan', 'research mode: show the plan and wait for your approval')
  .option('-f, --follow', 'show each step live (Server-Sent Events)')
  .option('--json', 'print the finished task as JSON')
  .action(async (question: string, opts: AskOptions) => {
    process.exitCode = await askCommand(question, opts, client());
  });

program
  .command('mcp')
  .description(
    'Serve Quarry over MCP on stdio for desktop clients, bridged to a running Quarry (QUARRY_URL, QUARRY_API_KEY)',
  )
  .action(async () => {
    await mcpCommand(loadClientConfig(process.env));
    process.exit(0);
  });

registerScheduleCommands(program, client);

program
  .command('bench')
  .description('Measure Quarry on its own local stack: ingest, orchestration, tasks, search, API')
  .option('--quick', 'a smoke run (under 3 minutes)')
  .option('--json <file>', 'also write the figures as JSON')
  .option('--corpus <dir>', 'the shared corpus folder', '../shared/corpus')
  .option('--only <sections>', 'comma-separated: ingest,orchestration,tasks,search,api,tokens')
  .option(
    '--stack <kind>',
    'production: the tasks section on the dev stack, then on the production topology (1 and 2 workers)',
  )
  .action(async (opts: BenchOptions) => {
    await benchCommand(config(), opts);
    process.exit(0);
  });

program
  .command('eval')
  .description('Evaluate retrieval (and answers) on a QA file against a running Quarry')
  .requiredOption('--qa <file>', 'QA file (JSONL)')
  .requiredOption('-c, --collection <name>', 'knowledge base name')
  .option('--retrieval-only', 'measure retrieval recall@k only')
  .option('--peer-metric', "count like llm-universe's notebook: peer_counted items, pages alone")
  .option('--json <file>', 'also write the figures and one record per question here (JSON)')
  .option('--mode <mode>', 'search mode: hybrid, keyword or vector', 'hybrid')
  .option('--alpha <n>', 'hybrid weight of the vector side (0-1)', parseFloat)
  .option('--no-rerank', 'rank by the first-stage search alone (no phrase reranking)')
  .option(
    '--report <file.md>',
    'write a markdown report: recall, answers with and without correction per kind, misses by kind',
  )
  .option('--concurrency <n>', 'tasks in flight at once', (v) => parseInt(v, 10), 4)
  .option(
    '--no-correction',
    'answer with the self-correction loop off (one retrieval, one generation)',
  )
  .action(async (opts: EvalOptions) => {
    await evalCommand(opts, client());
  });

program.parseAsync(process.argv).catch(fail);
