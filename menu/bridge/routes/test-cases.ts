import { crashedCase, parseTestFile, runCase, TestFileError, type CaseResult, type RunMode, type TestCase } from '../../../runtime/testing';

import { BridgeRequestError } from '../bridge-error';
import type { BridgeContext } from '../context';
import type { TestCaseRunAnswer, TestCasesAnswer } from '../protocol';
import { optionalVariables, requireProperties } from '../fields';
import { rememberVariableSecret } from '../api-key';
import { requireTrustedSend, userTrustedPairs } from '../key-trust';
import { readConfig } from '../task-config';
import { diagramFiles, readRecordings, readTestCases, saveRecording, writeTestCases } from '../test-case-files';

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

  if (mode !== 'replay') {

    // a live or recording run sends the task's key: the same gate as /calls, before any read
    const config = readConfig(context.runtime, properties);

    requireTrustedSend(context, config, [ config.url ]);
    rememberVariableSecret(context, config, variables);
  }

  const recordings = mode === 'live' ? null : await readRecordings(files);
  let result: CaseResult;

  try {
    result = await runCase(properties, testCase, {
      mode: mode as RunMode,
      recording: recordings?.recordings[testCase.name],
      secrets: context.secrets,
      variables,
      fetch: context.fetch,
      execute: context.runtime.executeTask,
      executeOptions: { trustedHosts: userTrustedPairs(context) }
    });
  } catch (error) {
    context.onInternalError?.(error);
    result = crashedCase(testCase, mode as RunMode, error);
  }

  const { recording, ...verdict } = result;

  if (recording) {
    await saveRecording(files, testCase.name, recording);
  }

  // every value read for the run is in the ledger: the answer is redacted as it is written
  return { result: verdict, recorded: Boolean(recording) };
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
