import { redactDeep } from '../../../runtime/execute/redact-deep';
import { crashedCase, parseTestFile, runCase, TestFileError, type CaseResult, type RunMode, type TestCase, type TestSuite } from '../../../runtime/testing';

import type { TaskProperties } from '../../../runtime/types';

import { BridgeRequestError } from '../bridge-error';
import type { BridgeContext } from '../context';
import { optionalVariables, requireProperties } from '../fields';
import { recordSecrets } from '../recording-store';
import { redactorFor } from '../redaction';
import { diagramFiles, readRecordings, readTestCases, saveRecording, writeTestCases } from '../test-case-files';

/** `POST /test-cases/read` answer. */
export interface TestCasesAnswer {

  /** The sidecar's absolute path, to show the user where the cases live. */
  testFile: string;
  exists: boolean;
  suite: TestSuite;

  /** Names of the cases that have a recording (they can run as a replay). */
  recorded: string[];
}

/** `POST /test-cases/run` body. */
export interface TestCaseRunRequest {
  diagram: string;

  /** The task's properties as they are now (unsaved edits included). */
  properties: TaskProperties;
  case: TestCase;
  mode: RunMode;

  /** Variables for this run only, never saved (a key passed as a process variable). */
  variables?: Record<string, unknown>;
}

/** `POST /test-cases/run` answer: the case's verdict (its recording, if one was made, is saved, not sent). */
export interface TestCaseRunAnswer {
  result: Omit<CaseResult, 'recording'>;

  /** Whether this run saved a new recording for the case. */
  recorded: boolean;
}

const MODES: readonly RunMode[] = [ 'live', 'record', 'replay' ];

/** `POST /test-cases/read` `{ diagram }`: the cases saved beside the open diagram. */
export async function handleReadTestCases(body: Record<string, unknown>): Promise<TestCasesAnswer> {
  const files = await diagramFiles(body.diagram);
  const { exists, suite } = await readTestCases(files);

  return { testFile: files.testFile, exists, suite, recorded: await recordedNames(files) };
}

/** `POST /test-cases/write` `{ diagram, suite }`: replace the saved cases (checked as `catalyst test` reads them). */
export async function handleWriteTestCases(body: Record<string, unknown>): Promise<TestCasesAnswer> {
  const files = await diagramFiles(body.diagram);

  if (typeof body.suite !== 'object' || body.suite === null || Array.isArray(body.suite)) {
    throw new BridgeRequestError(400, 'BODY_INVALID', 'suite: must be the test-cases file as an object ({ version: 1, cases: [...] })', { field: 'suite' });
  }

  const suite = await writeTestCases(files, body.suite);

  return { testFile: files.testFile, exists: true, suite, recorded: await recordedNames(files) };
}

/**
 * `POST /test-cases/run` `{ diagram, properties, case, mode, variables? }`: run one case on
 * the task's current properties (unsaved edits included), as `catalyst test` would. A
 * recording run saves its recording beside the diagram; a replay needs no key.
 */
export async function handleRunTestCase(context: BridgeContext, body: Record<string, unknown>): Promise<TestCaseRunAnswer> {
  const files = await diagramFiles(body.diagram);
  const properties = requireProperties(body);
  const variables = optionalVariables(body);
  const testCase = requireCase(body.case);
  const mode = body.mode ?? 'replay';

  if (typeof mode !== 'string' || !MODES.includes(mode as RunMode)) {
    throw new BridgeRequestError(400, 'BODY_INVALID', `mode: must be one of ${MODES.join(', ')}`, { field: 'mode' });
  }

  const recordings = mode === 'live' ? null : await readRecordings(files);
  const secrets = recordSecrets(context.secrets);
  let result: CaseResult;

  try {
    result = await runCase(properties, testCase, {
      mode: mode as RunMode,
      recording: recordings?.recordings[testCase.name],
      secrets,
      variables,
      fetch: context.fetch,
      execute: context.runtime.executeTask
    });
  } catch (error) {
    context.onInternalError?.(error);
    result = crashedCase(testCase, mode as RunMode, error);
  }

  const { recording, ...verdict } = result;

  if (recording) {
    await saveRecording(files, testCase.name, recording);
  }

  // the runtime redacts the task's key; this covers every other value read for the run
  return { result: redactDeep(verdict, redactorFor(context.runtime, secrets.seen)), recorded: Boolean(recording) };
}

/** `case`: one saved case, checked by the same rules as a whole file. */
function requireCase(value: unknown): TestCase {
  try {
    return parseTestFile(JSON.stringify({ version: 1, cases: [ value ] }), 'case').cases[0];
  } catch (error) {
    if (error instanceof TestFileError) {
      // "case:1:40: cases[0].expect…" names a place in a file the user never saw
      throw new BridgeRequestError(400, 'BODY_INVALID', `case: ${error.message.replace(/^case(:\d+:\d+)?: (cases\[0\]\.?)?/, '')}`, { field: 'case' });
    }

    throw error;
  }
}

async function recordedNames(files: Awaited<ReturnType<typeof diagramFiles>>): Promise<string[]> {
  try {
    return Object.keys((await readRecordings(files)).recordings);
  } catch (error) {
    // a broken recordings file does not hide the cases; replays then say what is wrong
    if (error instanceof BridgeRequestError) {
      return [];
    }

    throw error;
  }
}
