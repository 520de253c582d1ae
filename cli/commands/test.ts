import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { caseNotRun, crashedCase, formatRecordingFile, runCase, type CaseResult, type RunMode, type TestCase } from '../../runtime/testing';
import { readTaskConfig } from '../../runtime/config';
import type { TrustedPair } from '../../runtime/secrets/trust';
import type { SecretStore, TaskConfig, TaskProperties } from '../../runtime/types';
import { flag, stringOption, stringOptions, type ParsedArgs } from '../args';
import { EXIT, UsageError } from '../errors';
import type { CliIO } from '../io';
import { formatJUnit, type SuiteReport } from '../junit';
import { SECRET_STORE_OPTIONS, userSecretStore } from '../secrets';
import { loadSuites, type LoadedSuite } from '../test-suites';
import { formatTestReport } from '../test-report';
import { refusedSend, TRUST_OPTIONS, trustedPairsOf, trustUsage } from '../trust';
import { loadVariables, VARIABLE_OPTIONS } from '../variables';
import type { Command } from './command';

const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;

export const testCommand: Command = {
  name: 'test',
  summary: 'run the saved test cases of BPMN files (<diagram>.catalyst-tests.json)',
  usage: [
    'catalyst test <file.bpmn|folder>... [--replay | --record | --live] [--case <name>]...',
    '              [--reporter text|junit] [--output <file>] [--concurrency <n>]',
    '              [--endpoint <url>] [--var name=value]... [--var-json name=<json>]...',
    '              [--vars <file.json>] [--secrets-file <path>] [--secrets-dir <dir>] [--no-retries]',
    '',
    'Runs every case of each diagram\'s <diagram>.catalyst-tests.json (a folder: every diagram',
    'under it that has one) through the same runtime as `catalyst call`, and judges its',
    'expectations. See docs/testing.md.',
    '',
    '  --replay               answer from <diagram>.catalyst-recordings.json: no key, no network',
    '                         (the default); a request that no longer matches its recording',
    '                         fails with "the prompt changed: ... re-record"',
    '  --record               call the providers and save what they answered as the recordings',
    '  --live                 call the providers, save nothing',
    '  --case <name>          run only the cases of this name (repeatable)',
    '  --reporter text|junit  junit: JUnit XML for CI (to --output, else to stdout)',
    '  --output <file>        where the JUnit XML goes; the summary still goes to stdout',
    `  --concurrency <n>      cases running at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})`,
    '  --endpoint <url>       send every request of this run to this chat-completions URL',
    '                         (a local server, say); with --live or --record',
    '  --var, --var-json, --vars   process variables every case gets (a case\'s own win)',
    '  --secrets-file, --secrets-dir   where keys are read, as for catalyst call',
    ...trustUsage(25),
    '  --no-retries           send once, whatever catalyst.retries says',
    '',
    'Exit 0 when every expectation holds, 1 when one fails or a case cannot run, 64 on wrong',
    'usage or a test or recordings file that is not valid.'
  ].join('\n'),
  options: {
    replay: { type: 'boolean' },
    record: { type: 'boolean' },
    live: { type: 'boolean' },
    case: { type: 'string', multiple: true },
    reporter: { type: 'string' },
    output: { type: 'string' },
    concurrency: { type: 'string' },
    endpoint: { type: 'string' },
    ...VARIABLE_OPTIONS,
    ...SECRET_STORE_OPTIONS,
    ...TRUST_OPTIONS,
    'no-retries': { type: 'boolean' }
  },

  async run(args, io) {
    if (!args.positionals.length) {
      throw new UsageError('name a .bpmn diagram or a folder of diagrams with saved test cases');
    }

    const mode = modeOf(args);
    const reporter = stringOption(args, 'reporter') ?? 'text';
    const output = stringOption(args, 'output');
    const concurrency = concurrencyOf(args);
    const endpoint = endpointOf(args, mode);

    if (reporter !== 'text' && reporter !== 'junit') {
      throw new UsageError(`--reporter must be text or junit, not "${reporter}"`);
    }

    if (output !== undefined && reporter !== 'junit') {
      throw new UsageError('--output names the JUnit XML file; add --reporter junit');
    }

    const variables = await loadVariables(args, io.cwd);
    const suites = await loadSuites(args.positionals, io.cwd, mode !== 'live');
    const only = stringOptions(args, 'case');

    if (only.length) {
      const known = new Set(suites.flatMap(each => each.suite.cases.map(testCase => testCase.name)));
      const unknown = only.filter(name => !known.has(name));

      if (unknown.length) {
        throw new UsageError(`--case ${unknown.map(name => JSON.stringify(name)).join(', ')}: no such case in ${suites.map(each => each.testFile).join(', ')}`);
      }
    }

    // Replays read no key: a missing secrets file must not stop a pipeline that needs none.
    const secrets = mode === 'replay' ? null : await userSecretStore(args, io);
    const trusted = trustedPairsOf(args, io);
    const jobs = suites.flatMap(loaded => loaded.suite.cases
      .filter(testCase => !only.length || only.includes(testCase.name))
      .map(testCase => ({ loaded, testCase })));

    const results = await inPool(jobs, concurrency, ({ loaded, testCase }) => runOne(loaded, testCase, {
      mode,
      secrets,
      endpoint,
      trusted,
      variables,
      retries: flag(args, 'no-retries') ? 0 : undefined,
      fetch: io.fetch
    }));

    const reports: SuiteReport[] = suites.map(loaded => ({
      name: loaded.file,
      results: results.filter((_, index) => jobs[index].loaded === loaded)
    }));

    if (mode === 'record') {
      await saveRecordings(suites, jobs.map((job, index) => ({ ...job, result: results[index] })), io);
    }

    const summary = formatTestReport(reports, mode);

    if (reporter === 'junit') {
      const xml = formatJUnit(reports, new Date());

      if (output === undefined) {

        // stdout is the XML document; the summary goes where a person reads it
        io.stdout(xml);
        io.stderr(summary);
      } else {
        await writeOutput(output, xml, io);
        io.stdout(summary);
      }
    } else {
      io.stdout(summary);
    }

    return results.every(result => result.passed) ? EXIT.ok : EXIT.failure;
  }
};

interface RunSettings {
  mode: RunMode;
  secrets: SecretStore | null;
  endpoint: string | undefined;

  /** Pairs trusted beyond the catalog and loopback (`--trust`, CATALYST_TRUST). */
  trusted: TrustedPair[];
  variables: Record<string, unknown>;
  retries: number | undefined;
  fetch: typeof fetch | undefined;
}

async function runOne(loaded: LoadedSuite, testCase: TestCase, settings: RunSettings): Promise<CaseResult> {
  const task = loaded.diagram.tasks.find(each => each.id === testCase.task);

  if (!task) {
    const ids = loaded.diagram.tasks.map(each => each.id);

    return caseNotRun(testCase, settings.mode, `${loaded.file} has no Catalyst task "${testCase.task}"${ids.length ? ` (its Catalyst tasks: ${ids.join(', ')})` : ''}`);
  }

  const refused = settings.mode === 'replay' ? null : refusedSendOf(task.properties, settings);

  if (refused) {
    return caseNotRun(testCase, settings.mode, refused);
  }

  try {
    return await runCase(task.properties, testCase, {
      mode: settings.mode,
      recording: loaded.recordings.recordings[testCase.name],
      secrets: settings.secrets ?? noSecrets,
      fetch: settings.fetch,
      endpoint: settings.endpoint,
      variables: settings.variables,
      retries: settings.retries,
      executeOptions: { trustedHosts: settings.trusted }
    });
  } catch (error) {
    return crashedCase(testCase, settings.mode, error);
  }
}

/**
 * A live or recording case whose key would go to a host not trusted for it, in the words
 * `catalyst call` uses (with how to trust it); `null` when it may go, or the task does not
 * read (a broken task is runCase's to report).
 */
function refusedSendOf(properties: TaskProperties, settings: RunSettings): string | null {
  let config: TaskConfig;

  try {
    config = readTaskConfig(properties);
  } catch {
    return null;
  }

  return refusedSend(config, settings.endpoint ?? config.url, settings.trusted);
}

// Never asked: replays answer with the replay store of runtime/testing.
const noSecrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => undefined
};

/**
 * Run `work` over `items` with at most `limit` running at once; results in the items' order.
 */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;

  const worker = async () => {
    while (next < items.length) {
      const index = next++;

      results[index] = await work(items[index]);
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));

  return results;
}

async function saveRecordings(suites: LoadedSuite[], done: Array<{ loaded: LoadedSuite; testCase: TestCase; result: CaseResult }>, io: CliIO): Promise<void> {
  for (const loaded of suites) {
    const made = done.filter(each => each.loaded === loaded && each.result.recording);

    if (!made.length) {
      continue;
    }

    const recordings = { ...loaded.recordings.recordings };

    for (const { testCase, result } of made) {
      recordings[testCase.name] = result.recording!;
    }

    // Cases no longer in the test file leave their recordings behind otherwise.
    const names = new Set(loaded.suite.cases.map(testCase => testCase.name));

    for (const name of Object.keys(recordings)) {
      if (!names.has(name)) {
        delete recordings[name];
      }
    }

    await writeOutput(loaded.recordingFile, formatRecordingFile({ version: 1, recordings }), io);
    io.stderr(`recorded ${made.length} case${made.length === 1 ? '' : 's'} in ${loaded.recordingFile}\n`);
  }
}

async function writeOutput(file: string, text: string, io: CliIO): Promise<void> {
  try {
    await writeFile(path.resolve(io.cwd, file), text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
}

function modeOf(args: ParsedArgs): RunMode {
  const chosen = ([ 'replay', 'record', 'live' ] as const).filter(mode => flag(args, mode));

  if (chosen.length > 1) {
    throw new UsageError(`choose one of --replay, --record, --live; got ${chosen.map(mode => `--${mode}`).join(' and ')}`);
  }

  return chosen[0] ?? 'replay';
}

function concurrencyOf(args: ParsedArgs): number {
  const given = stringOption(args, 'concurrency');

  if (given === undefined) {
    return DEFAULT_CONCURRENCY;
  }

  const value = Number(given);

  if (!/^\d+$/.test(given) || value < 1 || value > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${given}"`);
  }

  return value;
}

function endpointOf(args: ParsedArgs, mode: RunMode): string | undefined {
  const given = stringOption(args, 'endpoint');

  if (given === undefined) {
    return undefined;
  }

  if (mode === 'replay') {
    throw new UsageError('--endpoint sends the requests elsewhere, and a replay sends none; add --live or --record');
  }

  let url: URL;

  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`--endpoint must be an http(s) URL, not "${given}"`);
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint must be an http(s) URL, not "${given}"`);
  }

  return given;
}
