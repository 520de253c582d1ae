import Ajv, { type ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

import schema from '../../resources/catalyst-tests.schema.json';
import { findJsonError } from '../template';
import { CatalystError } from '../errors';
import type { TestSuite } from './types';

/** A test-cases file that cannot be used: the message is one line naming the file and the place. */
export class TestFileError extends CatalystError {
  override name = 'TestFileError';

  constructor(message: string) {
    super('TEST_FILE_INVALID', message);
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
const validateSuite = ajv.compile<TestSuite>(schema);

/**
 * The JSON of a sidecar file (tests or recordings), byte-order mark dropped.
 *
 * @throws TestFileError `file:line:column: not valid JSON: …` for a syntax error
 */
export function readJsonFile(text: string, file: string): { source: string; value: unknown } {
  const source = text.replace(/^\uFEFF/, '');
  const syntax = findJsonError(source);

  if (syntax) {
    throw new TestFileError(`${file}:${syntax.line}:${syntax.column}: not valid JSON: ${syntax.reason}`);
  }

  return { source, value: JSON.parse(source) };
}

/** The `$schema` a saved file points at, so editors offer completion and checks. */
const TEST_FILE_SCHEMA_ID = schema.$id;

/**
 * Read a `<diagram>.catalyst-tests.json` file: JSON, valid against
 * resources/catalyst-tests.schema.json, case names unique, regular expressions and JSON
 * schemas in expectations usable.
 *
 * @param file the name to report (as the user gave it)
 * @throws TestFileError `file:line:column: where: what` for the first problem
 */
export function parseTestFile(text: string, file: string): TestSuite {
  const { source, value } = readJsonFile(text, file);

  if (!validateSuite(value)) {
    const error = mostSpecific(validateSuite.errors ?? []);
    const path = pathOf(error.instancePath);

    throw new TestFileError(`${placeOf(file, source, path)}: ${describePath(path)}: ${describeError(error)}`);
  }

  checkMeaning(value, file, source);

  return value;
}

/** Checks the schema cannot express: unique names, regular expressions and schemas that compile. */
function checkMeaning(suite: TestSuite, file: string, source: string): void {
  const seen = new Set<string>();

  suite.cases.forEach((testCase, index) => {
    if (seen.has(testCase.name)) {
      throw new TestFileError(`${placeOf(file, source, [ 'cases', index, 'name' ])}: cases[${index}].name: "${testCase.name}" is used by an earlier case; names must be unique (they name the recordings)`);
    }

    seen.add(testCase.name);

    const { expect } = testCase;

    if (expect.bpmnError !== undefined && expect.outcome !== undefined && expect.outcome !== 'bpmnError') {
      throw new TestFileError(`${placeOf(file, source, [ 'cases', index, 'expect', 'outcome' ])}: cases[${index}].expect: bpmnError "${expect.bpmnError}" contradicts outcome "${expect.outcome}"`);
    }

    for (const [ variable, checks ] of Object.entries(expect.variables ?? {})) {
      (Array.isArray(checks) ? checks : [ checks ]).forEach((check, position) => {
        const path: Array<string | number> = [ 'cases', index, 'expect', 'variables', variable ];

        if (Array.isArray(checks)) {
          path.push(position);
        }

        if ('matches' in check) {
          try {
            new RegExp(check.matches, 'u');
          } catch (error) {
            throw new TestFileError(`${placeOf(file, source, [ ...path, 'matches' ])}: ${describePath([ ...path, 'matches' ])}: not a regular expression: ${(error as Error).message}`);
          }
        }

        if ('schema' in check) {
          try {
            ajv.compile(check.schema);
          } catch (error) {
            throw new TestFileError(`${placeOf(file, source, [ ...path, 'schema' ])}: ${describePath([ ...path, 'schema' ])}: not a usable JSON schema: ${(error as Error).message}`);
          }
        }
      });
    }
  });
}

/**
 * Serialise a suite the way the Modeler saves it: two-space JSON, one property a line, so a
 * diff shows exactly the cases and expectations that changed.
 */
export function formatTestFile(suite: TestSuite): string {
  const { $schema, version, cases } = suite;

  return JSON.stringify({ $schema: $schema ?? TEST_FILE_SCHEMA_ID, version, cases }, null, 2) + '\n';
}

/** Compile a JSON schema of an expectation (already checked by parseTestFile). */
export function compileSchema(value: object | boolean): (data: unknown) => { valid: boolean; message: string | null } {
  const validate = ajv.compile(value);

  return data => {
    const valid = validate(data) as boolean;
    const error = validate.errors?.[0];

    return { valid, message: error ? `${error.instancePath || 'the value'} ${error.message ?? 'is invalid'}` : null };
  };
}

// With a `oneOf`, Ajv reports every branch's failure and then the `oneOf` itself; the
// deepest error names the place the user has to fix.
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, error) => pathOf(error.instancePath).length > pathOf(best.instancePath).length ? error : best, errors[0]);
}

function pathOf(pointer: string): Array<string | number> {
  if (!pointer) {
    return [];
  }

  return pointer.slice(1).split('/').map(part => {
    const text = part.replace(/~1/g, '/').replace(/~0/g, '~');

    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

/** `cases[2].expect.maxTokens`, or `the file` at the top. */
function describePath(path: Array<string | number>): string {
  if (!path.length) {
    return 'the file';
  }

  return path.map((part, index) => typeof part === 'number'
    ? `[${part}]`
    : /^[A-Za-z_$][\w$]*$/.test(part) ? `${index ? '.' : ''}${part}` : `[${JSON.stringify(part)}]`).join('');
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
  case 'additionalProperties':
    return `unknown property "${params.additionalProperty}"`;
  case 'required':
    return `missing property "${params.missingProperty}"`;
  case 'enum':
    return `must be one of ${(params.allowedValues as unknown[]).map(value => JSON.stringify(value)).join(', ')}`;
  case 'const':
    return `must be ${JSON.stringify(params.allowedValue)}`;
  case 'maxProperties':
  case 'minProperties':
    return 'a check has exactly one of equals, contains, matches, schema';
  default:
    return error.message ?? 'is invalid';
  }
}

/** `file:line:column` of the value at `path`, or `file` when it cannot be found. */
function placeOf(file: string, source: string, path: Array<string | number>): string {
  const root = parseTree(source);
  let node: Node | undefined = root && findNodeAtLocation(root, path);

  // a missing property: point at the object that lacks it
  for (let length = path.length - 1; !node && root && length >= 0; length--) {
    node = findNodeAtLocation(root, path.slice(0, length));
  }

  if (!node) {
    return file;
  }

  const before = source.slice(0, node.offset).split('\n');

  return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
}
