/**
 * Saved test cases (`<diagram>.catalyst-tests.json`), their recordings and their runs:
 * what `catalyst test` and the Modeler's test cases share. Node and bridge side (Ajv);
 * the renderer imports only sidecar.ts, suggest.ts, tokens.ts and the types.
 */
export { parseTestFile, formatTestFile, compileSchema, TestFileError, TEST_FILE_SCHEMA_ID } from './test-file';
export { parseRecordingFile, formatRecordingFile } from './recording-file';
export { judge, deepEqual } from './expect';
export { tokensUsed } from './tokens';
export { recordingFetch, replayFetch, replaySecretStore, rememberingStore, firstDifference, RecordingMismatchError, REPLAY_KEY, SECRET_MARK } from './recording';
export { runCase, crashedCase, caseNotRun, type RunCaseOptions } from './run-case';
export { testFileFor, recordingFileFor, isDiagramFile, TEST_FILE_SUFFIX, RECORDING_FILE_SUFFIX } from './sidecar';
export { suggestExpectations, newTestCase } from './suggest';
export type * from './types';
