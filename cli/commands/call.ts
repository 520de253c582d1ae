import { readTaskConfig } from '../../runtime/config';
import { ConfigError } from '../../runtime/errors';
import { executeTask, failureBeforeRequest } from '../../runtime/execute';
import type { ExecutionEvent, ExecutionResult } from '../../runtime/types';
import { flag, stringOption } from '../args';
import { EXIT, UsageError } from '../errors';
import { findTask, readDiagram } from '../files';
import type { CliIO } from '../io';
import { callJson, formatCallReport, formatMs } from '../output';
import { SECRET_STORE_OPTIONS, userSecretStore } from '../secrets';
import { refusedSend, TRUST_OPTIONS, trustedPairsOf, trustUsage } from '../trust';
import { loadVariables, VARIABLE_OPTIONS } from '../variables';
import type { Command } from './command';

export const callCommand: Command = {
  name: 'call',
  summary: 'run one Catalyst task against its provider, as the worker would',
  usage: [
    'catalyst call <file.bpmn> --task <id> [--var name=value]... [--var-json name=<json>]...',
    '              [--vars <file.json>] [--secrets-file <path>] [--secrets-dir <dir>]',
    '              [--trust secret=host]... [--stream] [--no-retries] [--json]',
    '',
    '  --task <id>            the Catalyst task to run',
    '  --var name=value       a string process variable (repeatable)',
    '  --var-json name=<json> a process variable of any JSON type (repeatable)',
    '  --vars <file.json>     a JSON object of process variables (read first)',
    '  --secrets-file <path>  properties file for secretSource properties',
    '                         (default $CATALYST_SECRETS_FILE, ./catalyst-secrets.properties)',
    '  --secrets-dir <dir>    directory for secretSource file',
    '                         (default $CATALYST_SECRETS_DIR, /run/secrets)',
    ...trustUsage(25),
    '  --stream               stream the answer and print it as it arrives',
    '  --no-retries           send once, whatever catalyst.retries says',
    '  --json                 print {outcome, variables, bpmnError, error, statusCode, attempts, durationMs}',
    '',
    'Exit 0 when the task completes, 2 on a BPMN error, 1 on a failure, 64 on wrong usage.'
  ].join('\n'),
  options: {
    task: { type: 'string' },
    ...VARIABLE_OPTIONS,
    ...SECRET_STORE_OPTIONS,
    ...TRUST_OPTIONS,
    stream: { type: 'boolean' },
    'no-retries': { type: 'boolean' },
    json: { type: 'boolean' }
  },

  async run(args, io) {
    if (args.positionals.length !== 1) {
      throw new UsageError(args.positionals.length ? `call runs one task of one file; got ${args.positionals.join(', ')}` : 'name the BPMN file holding the task');
    }

    const [ file ] = args.positionals;
    const json = flag(args, 'json');
    const diagram = await readDiagram(file, io.cwd);
    const task = findTask(diagram, file, stringOption(args, 'task'));
    const variables = await loadVariables(args, io.cwd);
    const secrets = await userSecretStore(args, io);
    const trusted = trustedPairsOf(args, io);

    let result: ExecutionResult;

    try {
      const config = readTaskConfig(task.properties);

      const refused = refusedSend(config, config.url, trusted);

      if (!json) {
        io.stderr(`${task.name || task.id}: POST ${config.url}\n`);
      }

      // a refused send is a failure like the worker's: reported, exit 1, and nothing sent
      result = refused ? { ...failureBeforeRequest(refused), durationMs: 0 } : await executeTask(config, {
        variables,
        secrets,
        trustedHosts: trusted,
        retries: flag(args, 'no-retries') ? 0 : undefined,
        stream: flag(args, 'stream') || undefined,
        fetch: io.fetch,
        onEvent: progressPrinter(io, json)
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error;
      }

      // The worker fails such a task too; report it the same way as any other failure.
      result = { ...failureBeforeRequest(error.message), durationMs: 0 };
    }

    if (json) {

      // stdout stays the one JSON object of design §8; warnings (a mapping path that found
      // nothing) are still reported, where a script's user sees them.
      io.stderr(result.warnings.map(warning => `warning: ${warning}\n`).join(''));
      io.stdout(JSON.stringify(callJson(result), null, 2) + '\n');
    } else {
      io.stdout(formatCallReport(result));
    }

    return { complete: EXIT.ok, bpmnError: EXIT.bpmnError, failure: EXIT.failure }[result.outcome];
  }
};

// Streamed text goes where the user reads the answer (stdout; stderr under --json, which
// keeps stdout one JSON document); retries are progress and go to stderr.
function progressPrinter(io: CliIO, json: boolean): (event: ExecutionEvent) => void {
  let streaming = false;

  return event => {
    if (event.type === 'chunk') {
      streaming = true;
      (json || event.reasoning ? io.stderr : io.stdout)(event.text);
    }

    if (event.type === 'retry') {

      // `attempt` is the number of the attempt about to be made.
      io.stderr(`${streaming ? '\n' : ''}${event.reason}; attempt ${event.attempt} in ${formatMs(event.waitMs)}\n`);
      streaming = false;
    }

    if (event.type === 'result' && streaming) {
      (json ? io.stderr : io.stdout)('\n');
    }
  };
}

