import { modelsUrl } from '../../runtime/catalog/urls';
import { requireProvider } from '../../runtime/catalog/providers';
import { readTaskConfig } from '../../runtime/config';
import { listModels } from '../../runtime/models/list-models';
import { resolveSecret } from '../../runtime/secrets';
import type { AuthType, Provider, SecretSource } from '../../runtime/types';
import { flag, stringOption, type ParsedArgs } from '../args';
import { EXIT, UsageError } from '../errors';
import { findTask, readDiagram } from '../files';
import { SECRET_STORE_OPTIONS, userSecretStore } from '../secrets';
import { refusedSend, TRUST_OPTIONS, trustedPairsOf, trustUsage } from '../trust';
import type { CliIO } from '../io';
import type { Command } from './command';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list the models a provider serves, live',
  usage: [
    'catalyst models (<file.bpmn> --task <id> | --provider <id> [--url <base>]) [--trust secret=host]... [--json]',
    '',
    '  <file.bpmn> --task <id>  ask the task\'s provider at the task\'s URL, with its key',
    '  --provider <id>          ask a catalog provider at its default URL, with its default key',
    '  --url <base>             another base URL for --provider, e.g. http://gpu-box:8000/v1',
    '  --secrets-file <path>    properties file for secretSource properties',
    '  --secrets-dir <dir>      directory for secretSource file',
    ...trustUsage(27),
    '  --json                   print the models as a JSON array of {id, chat, ownedBy?}',
    '',
    'Exit 0 with the list, 1 when the provider cannot be asked, 64 on wrong usage.'
  ].join('\n'),
  options: {
    task: { type: 'string' },
    provider: { type: 'string' },
    url: { type: 'string' },
    ...SECRET_STORE_OPTIONS,
    ...TRUST_OPTIONS,
    json: { type: 'boolean' }
  },

  async run(args, io) {
    const target = await resolveTarget(args, io);
    const url = modelsUrl(target.provider, target.url);

    if (url === null) {
      io.stderr(`catalyst models: ${target.provider.name} has no models endpoint; see its documentation for model names\n`);
      return EXIT.failure;
    }

    const refused = refusedSend(target, url, trustedPairsOf(args, io));

    if (refused) {
      io.stderr(`catalyst models: ${refused}\n`);
      return EXIT.failure;
    }

    const store = await userSecretStore(args, io);
    const { value: apiKey } = await resolveSecret(target, store, {});
    const models = await listModels(
      { url, modelsShape: target.provider.modelsShape, authType: target.authType, authHeader: target.authHeader, authPrefix: target.authPrefix },
      { apiKey, fetch: io.fetch }
    );

    if (flag(args, 'json')) {
      io.stdout(JSON.stringify(models, null, 2) + '\n');
    } else {
      io.stdout(models.map(model => `${model.id}${model.chat ? '' : '  (not a chat model)'}\n`).join(''));
    }

    return EXIT.ok;
  }
};

interface ModelsTarget {
  provider: Provider;
  url: string | undefined;
  authType: AuthType;
  authHeader: string;
  authPrefix: string;
  secretSource: SecretSource;
  secretName: string;
}

async function resolveTarget(args: ParsedArgs, io: CliIO): Promise<ModelsTarget> {
  const providerId = stringOption(args, 'provider');
  const [ file, ...extra ] = args.positionals;

  if (extra.length) {
    throw new UsageError(`models takes one BPMN file; got ${args.positionals.join(', ')}`);
  }

  if (file && providerId) {
    throw new UsageError('give either <file.bpmn> --task <id> or --provider <id>, not both');
  }

  if (providerId) {
    if (stringOption(args, 'task')) {
      throw new UsageError('--task needs a BPMN file');
    }

    const provider = catalogProvider(providerId);

    return {
      provider,
      url: baseUrlOption(stringOption(args, 'url')),
      authType: provider.auth.type,
      authHeader: provider.auth.header,
      authPrefix: provider.auth.prefix,
      secretSource: provider.secret.source,
      secretName: provider.secret.name
    };
  }

  if (!file) {
    throw new UsageError('give <file.bpmn> --task <id> or --provider <id>');
  }

  if (stringOption(args, 'url')) {
    throw new UsageError('--url goes with --provider; a task lists models at its own URL');
  }

  const task = findTask(await readDiagram(file, io.cwd), file, stringOption(args, 'task'));
  const config = readTaskConfig(task.properties);

  return { ...config, provider: requireProvider(config.provider), url: config.url };
}

/** `--url` as given, once it is an http(s) URL: anything else is wrong usage, not a provider failure. */
function baseUrlOption(url: string | undefined): string | undefined {
  if (url === undefined) {
    return undefined;
  }

  let parsed: URL | null = null;

  try {
    parsed = new URL(url.trim());
  } catch {

    // reported below
  }

  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UsageError(`--url "${url}" is not an http(s) URL; give the provider's base URL, e.g. http://localhost:11434/v1`);
  }

  return url.trim();
}

function catalogProvider(id: string): Provider {
  try {
    return requireProvider(id);
  } catch (error) {
    throw new UsageError(`--provider: ${(error as Error).message.replace(/^catalyst\.provider: /, '')}`);
  }
}
