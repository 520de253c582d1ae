/**
 * Saved test cases (`<diagram>.catalyst-tests.json`), their recordings and their runs:
 * what `catalyst test` and the Modeler's test cases share. Node and bridge side (Ajv);
 * the renderer imports only sidecar.ts, suggest.ts, tokens.ts and the types.
 */
export { parseTestFile, formatTestFile, TestFileError } from './test-file';
export { parseRecordingFile, formatRecordingFile } from './recording-file';
export { judge } from './expect';
export { tokensUsed } from './tokens';
export { runCase, crashedCase, caseNotRun } from './run-case';
export { testFileFor, recordingFileFor, isDiagramFile, TEST_FILE_SUFFIX } from './sidecar';
export type * from './types';
