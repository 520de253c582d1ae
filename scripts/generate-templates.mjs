#!/usr/bin/env node
/**
 * Generates resources/element-templates/catalyst-<provider>.json, one Camunda 7 element
 * template per catalog provider, from resources/providers.json and the runtime's defaults.
 * The output is committed; test/resources/element-templates.spec.ts fails when it is stale.
 *
 *   node scripts/generate-templates.mjs           write the templates
 *   node scripts/generate-templates.mjs --check   exit 1 if the committed ones differ
 *
 * Templates carry what a task needs without the plugin's panel: the external-task
 * implementation (topic `catalyst`), the connection settings as editable fields, and the
 * payload and mappings as hidden defaults (the Catalyst panel edits those).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, unlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const TEMPLATES_DIR = path.join(rootDir, 'resources/element-templates');
export const ICONS_DIR = path.join(rootDir, 'resources/icons');

const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

const AUTH_CHOICES = {
  bearerToken: 'Bearer token',
  apiKeyHeader: 'API key header',
  none: 'No authentication'
};

const SECRET_CHOICES = {
  env: 'Environment variable',
  file: 'File in the secrets folder',
  properties: 'Key in catalyst-secrets.properties',
  variable: 'Process variable or dev literal'
};

// Field labels differ from the Catalyst panel's (Endpoint URL, Auth, Secret name, Timeout,
// Retries, ...): on a templated task both are shown, and each label must name one control.
const FIELDS = [
  { key: 'url', label: 'Request URL', type: 'String', group: 'connection',
    description: 'Full chat-completions endpoint.', notEmpty: true,
    pattern: { value: '^(https?://|\\$\\{).+', message: 'Must start with http:// or https://' } },
  { key: 'authType', label: 'Credential type', type: 'Dropdown', group: 'connection', choices: AUTH_CHOICES },
  { key: 'authHeader', label: 'Key header', type: 'String', group: 'connection',
    description: 'Header that carries the key, e.g. Authorization or api-key.' },
  { key: 'authPrefix', label: 'Key prefix', type: 'String', group: 'connection',
    description: 'Written before the key in the header value, e.g. Bearer.' },
  { key: 'secretSource', label: 'Key source', type: 'Dropdown', group: 'connection', choices: SECRET_CHOICES },
  { key: 'secretName', label: 'Key name', type: 'String', group: 'connection', notEmpty: true,
    description: 'Name of the secret, never the key itself (env: upper-cased variable name).' },
  { key: 'timeout', label: 'Time limit per attempt', type: 'String', group: 'execution', notEmpty: true,
    description: 'ISO-8601 duration, e.g. PT60S.',
    pattern: { value: '^P(?!$)(\\d+(\\.\\d+)?D)?(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?$', message: 'Must be an ISO-8601 duration such as PT60S' } },
  { key: 'retries', label: 'Retry count', type: 'String', group: 'execution', notEmpty: true,
    description: 'Retries after the first attempt (0-10).',
    pattern: { value: '^(10|[0-9])$', message: 'Must be a whole number from 0 to 10' } }
];

/** Contract properties stored as they are; the Catalyst panel edits them. */
const HIDDEN = [ 'version', 'provider', 'payload', 'responseMapping', 'errorMapping' ];

/**
 * The template for one provider.
 *
 * @param {import('../runtime/types').Provider} provider
 * @param {Record<string, string>} defaults the provider's task properties (newTaskProperties)
 * @param {string} iconSvg the provider's icon
 */
export function createTemplate(provider, defaults, iconSvg) {
  const property = key => `catalyst.${ key }`;
  const binding = key => ({ type: 'camunda:property', name: property(key) });

  const requireDefault = key => {
    if (defaults[property(key)] === undefined) {
      throw new Error(`provider ${ provider.id }: no default for ${ property(key) }`);
    }
    return defaults[property(key)];
  };

  const fields = FIELDS.map(field => {
    const entry = {
      label: field.label,
      description: field.description,
      group: field.group,
      type: field.type,
      value: requireDefault(field.key)
    };

    if (field.choices) {
      entry.choices = Object.entries(field.choices).map(([ value, name ]) => ({ name, value }));
    }

    if (field.notEmpty || field.pattern) {
      entry.constraints = {
        ...(field.notEmpty && { notEmpty: true }),
        ...(field.pattern && { pattern: field.pattern })
      };
    }

    entry.binding = binding(field.key);
    return stripUndefined(entry);
  });

  return stripUndefined({
    $schema: SCHEMA,
    name: `Catalyst - ${ provider.name }`,
    id: `io.catalyst.connector.${ provider.id }`,
    version: 1,
    description: provider.description,
    documentationRef: provider.console || undefined,
    icon: { contents: toDataUri(iconSvg) },
    appliesTo: [ 'bpmn:ServiceTask', 'bpmn:SendTask' ],
    groups: [
      { id: 'connection', label: 'Catalyst connection' },
      { id: 'execution', label: 'Catalyst execution' }
    ],
    properties: [
      { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
      { type: 'Hidden', value: 'catalyst', binding: { type: 'property', name: 'camunda:topic' } },
      ...HIDDEN.map(key => ({ type: 'Hidden', value: requireDefault(key), binding: binding(key) })),
      ...fields
    ]
  });
}

/**
 * Every template file by file name, its text as written to disk.
 *
 * @param {readonly import('../runtime/types').Provider[]} providers
 * @param {(providerId: string) => Record<string, string>} newTaskProperties
 * @param {(providerId: string) => string} readIcon
 * @returns {Map<string, string>}
 */
export function generateTemplates(providers, newTaskProperties, readIcon = readIconFile) {
  const files = new Map();

  for (const provider of providers) {
    const template = createTemplate(provider, newTaskProperties(provider.id), readIcon(provider.id));
    files.set(`catalyst-${ provider.id }.json`, JSON.stringify(template, null, 2) + '\n');
  }

  return files;
}

/** The provider's icon from resources/icons, or the generic one. */
export function readIconFile(providerId) {
  const file = path.join(ICONS_DIR, `${ providerId }.svg`);
  return readFileSync(existsSync(file) ? file : path.join(ICONS_DIR, 'openai-compatible.svg'), 'utf8');
}

/** A compact, readable data URI (SVG needs only a few characters escaped, not base64). */
export function toDataUri(svg) {
  const compact = svg.replace(/\s*\n\s*/g, ' ').replace(/>\s+</g, '><').trim();
  return 'data:image/svg+xml,' + encodeURIComponent(compact)
    .replace(/%20/g, ' ')
    .replace(/%3D/g, '=')
    .replace(/%3A/g, ':')
    .replace(/%2F/g, '/')
    .replace(/%22/g, "'");
}

function stripUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([ , value ]) => value !== undefined));
}

async function loadRuntime() {

  // the runtime is TypeScript: esbuild bundles the two entry points it needs into memory
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: rootDir,
    stdin: {
      contents: "export { providers } from './runtime/catalog'; export { newTaskProperties } from './runtime/config';",
      resolveDir: rootDir,
      loader: 'ts'
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning'
  });

  const source = Buffer.from(result.outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${ source }`);
}

async function main(args) {
  const { providers, newTaskProperties } = await loadRuntime();
  const files = generateTemplates(providers, newTaskProperties);
  const existing = existsSync(TEMPLATES_DIR)
    ? readdirSync(TEMPLATES_DIR).filter(name => name.startsWith('catalyst-') && name.endsWith('.json'))
    : [];

  if (args.includes('--check')) {
    const stale = [
      ...[ ...files ].filter(([ name, text ]) => !existsSync(path.join(TEMPLATES_DIR, name))
        || readFileSync(path.join(TEMPLATES_DIR, name), 'utf8') !== text).map(([ name ]) => name),
      ...existing.filter(name => !files.has(name))
    ];

    if (stale.length) {
      console.error(`element templates out of date: ${ stale.join(', ') }; run node scripts/generate-templates.mjs`);
      process.exit(1);
    }
    return;
  }

  mkdirSync(TEMPLATES_DIR, { recursive: true });

  for (const name of existing.filter(name => !files.has(name))) {
    unlinkSync(path.join(TEMPLATES_DIR, name));
  }

  for (const [ name, text ] of files) {
    writeFileSync(path.join(TEMPLATES_DIR, name), text);
  }

  console.log(`wrote ${ files.size } element templates to resources/element-templates/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
