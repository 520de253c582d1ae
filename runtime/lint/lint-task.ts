/**
 * The task lint: everything wrong with one task, as the panel, `catalyst lint` and the
 * worker's startup log all report it. One function, so the three surfaces never disagree
 * about what a task gets wrong (design §4).
 */
import { chatUrl } from '../catalog/urls';
import { getProvider } from '../catalog/providers';
import { PROPERTY, checkTaskConfig } from '../config';
import { checkErrorMapping, checkResponseMapping } from '../mapping';
import { looksLikeKey } from '../secrets';
import { lintSchema, lintStructuredMapping, readPayloadFormat } from '../structured';
import { closestName, lintPayload } from '../template';
import type { Diagnostic, Provider, TaskProperties } from '../types';

/** A finding about a task, with the property it concerns (the panel shows it on that entry). */
export interface TaskDiagnostic extends Diagnostic {

  /**
   * The `catalyst.*` property the finding is about: for `config/unknown-property` the
   * unknown name itself. Ranges (`from`, `to`) are offsets into the payload for payload
   * findings and 0..0 for every other one.
   */
  property: string;
}

/** What the task lint reads: the task's properties and, for the payload, the variables set before it. */
export interface LintedTask {
  properties: TaskProperties;

  /** Variables the diagram sets before the task; without them unknown variables are not reported. */
  knownVariables?: readonly string[];
}

const KNOWN_PROPERTIES = new Set<string>(Object.values(PROPERTY));

/**
 * Everything wrong with one task: configuration problems (errors, the property named in the
 * message), unknown `catalyst.*` properties, the payload lint of design §4, mapping checks,
 * keys pasted into the URL or the auth prefix, and provider checks (`config/no-auth`,
 * `config/url-placeholder`, `config/url-not-provider`). Messages never repeat a key.
 */
export function lintTask(task: LintedTask): TaskDiagnostic[] {
  const props = task.properties;
  const { provider, badProperties, before, after } = configurationFindings(props);
  const diagnostics = [ ...before ];
  const payload = props[PROPERTY.payload] ?? provider?.defaultPayload;

  if (payload !== undefined && !badProperties.has(PROPERTY.payload)) {
    diagnostics.push(...lintPayload(payload, { knownVariables: task.knownVariables, provider })
      .map(diagnostic => ({ ...diagnostic, property: PROPERTY.payload })));
  }

  diagnostics.push(...mappingProblems(props, badProperties));

  if (payload !== undefined && !badProperties.has(PROPERTY.payload)) {
    diagnostics.push(...structuredProblems(payload, props, badProperties));
  }

  diagnostics.push(...after);

  return diagnostics;
}

/**
 * {@link lintTask} without the payload and mapping checks (no payload lint, schema lint or
 * mapping checks): the findings about the task's configuration, in the same order. For a
 * surface that shows the payload's and the mappings' findings with those fields and would
 * otherwise lint the payload only to drop the result (the panel, on every selection).
 */
export function lintTaskConfiguration(properties: TaskProperties): TaskDiagnostic[] {
  const { before, after } = configurationFindings(properties);

  return [ ...before, ...after ];
}

// Configuration problems and unknown properties (reported before the payload and mapping
// checks), provider checks and pasted keys (after them).
function configurationFindings(props: TaskProperties) {
  const provider = getProvider(props[PROPERTY.provider]?.trim() ?? '');
  const configProblems = checkTaskConfig(props);
  const badProperties = new Set(configProblems.map(problem => problem.property));

  const before: TaskDiagnostic[] = [
    ...configProblems.map(problem =>
      whole(problem.property, 'error', `config/${shortName(problem.property)}`, `${problem.property}: ${problem.message}`)),
    ...unknownProperties(props)
  ];

  const after: TaskDiagnostic[] = [
    ...(provider ? providerProblems(props, provider, badProperties) : []),
    ...keysInOtherProperties(props, provider)
  ];

  return { provider, badProperties, before, after };
}

// The payload and the secret name have their own key checks; a key can also be pasted into
// the URL (`?api_key=`) or the auth prefix (`Bearer gsk_…`), and is then in the BPMN too.
const CHECKED_ELSEWHERE = new Set<string>([ PROPERTY.payload, PROPERTY.secretName ]);
const TOKEN_SEPARATORS = /[\s?&=/:;,"'#]+/;

function keysInOtherProperties(props: TaskProperties, provider: Provider | undefined): TaskDiagnostic[] {
  return Object.values(PROPERTY)
    .filter(name => !CHECKED_ELSEWHERE.has(name) && props[name] !== undefined)
    .filter(name => props[name].split(TOKEN_SEPARATORS).some(token => looksLikeKey(token, provider)))
    .map(name => whole(name, 'error', 'secret/key-literal',
      `${name} holds what looks like a real API key; keep keys out of the BPMN: put the key where ${PROPERTY.secretSource} and ${PROPERTY.secretName} point`));
}

function whole(property: string, severity: Diagnostic['severity'], code: string, message: string): TaskDiagnostic {
  return { from: 0, to: 0, severity, code, message, property };
}

function shortName(property: string): string {
  return property.replace(/^catalyst\./, '');
}

// A typo (`catalyst.timout`) would silently fall back to the default.
function unknownProperties(props: TaskProperties): TaskDiagnostic[] {
  return Object.keys(props)
    .filter(name => name.startsWith('catalyst.') && !KNOWN_PROPERTIES.has(name))
    .map(name => {
      const suggestion = closestName(name, KNOWN_PROPERTIES);
      const hint = suggestion ? `; did you mean ${suggestion}?` : '';

      return whole(name, 'warning', 'config/unknown-property', `${name} is not a Catalyst property and is ignored${hint}`);
    });
}

// The runtime accepts these mappings (configuration checked them); these are the stricter
// checks the panel shows, reported as warnings.
function mappingProblems(props: TaskProperties, badProperties: Set<string>): TaskDiagnostic[] {
  const checks = [
    { property: PROPERTY.responseMapping, code: 'mapping/response', check: checkResponseMapping },
    { property: PROPERTY.errorMapping, code: 'mapping/error', check: checkErrorMapping }
  ];

  return checks.flatMap(({ property, code, check }) => {
    const text = props[property];

    if (text === undefined || badProperties.has(property)) {
      return [];
    }

    return check(text).map(problem => whole(property, 'warning', code, `${property}: ${problem.message}`));
  });
}

function providerProblems(props: TaskProperties, provider: Provider, badProperties: Set<string>): TaskDiagnostic[] {
  const diagnostics: TaskDiagnostic[] = [];
  const secretSource = props[PROPERTY.secretSource]?.trim() ?? provider.secret.source;
  const secretName = props[PROPERTY.secretName] ?? provider.secret.name;
  const authType = props[PROPERTY.authType]?.trim() ?? provider.auth.type;
  const url = props[PROPERTY.url]?.trim();

  if (secretSource === 'variable' && authType !== 'none' && looksLikeKey(secretName, provider)) {
    diagnostics.push(whole(PROPERTY.secretName, 'error', 'secret/key-literal',
      `${PROPERTY.secretName} holds what looks like a real API key; keep keys out of the BPMN: use secretSource env, file or properties, or a process variable like \${apiKey}`));
  }

  if (authType === 'none' && !provider.local && provider.auth.type !== 'none') {
    diagnostics.push(whole(PROPERTY.authType, 'warning', 'config/no-auth', `${provider.name} needs an API key, but ${PROPERTY.authType} is none`));
  }

  if (url && !badProperties.has(PROPERTY.url)) {
    if (provider.editableUrl && url === chatUrl(provider)) {
      diagnostics.push(whole(PROPERTY.url, 'warning', 'config/url-placeholder',
        `${PROPERTY.url} is still the placeholder ${url}; point it at your provider's chat-completions endpoint`));
    } else if (!provider.editableUrl && !provider.local && new URL(url).host !== new URL(provider.baseUrl).host) {
      diagnostics.push(whole(PROPERTY.url, 'info', 'config/url-not-provider',
        `${PROPERTY.url} points at ${new URL(url).host}, not ${provider.name} (${new URL(provider.baseUrl).host}); fine for a proxy`));
    }
  }

  return diagnostics;
}

// Structured answers (design §5.7): the schema in the payload, and `#` mapping paths that
// read an answer the payload does not ask for as JSON, or a property the schema lacks.
function structuredProblems(payload: string, props: TaskProperties, badProperties: Set<string>): TaskDiagnostic[] {
  const format = readPayloadFormat(payload);
  const diagnostics: TaskDiagnostic[] = [];

  if (format.schemaText !== null && format.schemaOffset !== null) {
    const offset = format.schemaOffset;

    diagnostics.push(...lintSchema(format.schemaText)
      .map(diagnostic => ({ ...diagnostic, from: diagnostic.from + offset, to: diagnostic.to + offset, property: PROPERTY.payload })));
  }

  const mappingText = props[PROPERTY.responseMapping];

  if (mappingText !== undefined && !badProperties.has(PROPERTY.responseMapping)) {
    try {
      const mapping: unknown = JSON.parse(mappingText);

      if (mapping && typeof mapping === 'object' && !Array.isArray(mapping)) {
        diagnostics.push(...lintStructuredMapping(mapping as Record<string, unknown>, payload)
          .map(problem => whole(PROPERTY.responseMapping, 'warning', 'mapping/structured', `${PROPERTY.responseMapping}: ${problem.message}`)));
      }
    } catch {

      // the mapping check reports JSON syntax
    }
  }

  return diagnostics;
}
