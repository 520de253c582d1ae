import Ajv from 'ajv';

import schema from '../../resources/catalyst-recordings.schema.json';
import { readJsonFile, TestFileError } from './test-file';
import type { RecordingFile } from './types';

const validateRecordings = new Ajv({ strict: false }).compile<RecordingFile>(schema);

/**
 * Read a `<diagram>.catalyst-recordings.json` file.
 *
 * @throws TestFileError naming the file and the first problem
 */
export function parseRecordingFile(text: string, file: string): RecordingFile {
  const { value } = readJsonFile(text, file);

  if (!validateRecordings(value)) {
    const error = validateRecordings.errors?.[0];

    throw new TestFileError(`${file}: ${error?.instancePath || 'the file'} ${error?.message ?? 'is invalid'} (see resources/catalyst-recordings.schema.json)`);
  }

  return value;
}

/** Two-space JSON, recordings sorted by case name, so re-recording one case changes only its lines. */
export function formatRecordingFile(file: RecordingFile): string {
  const recordings = Object.fromEntries(Object.entries(file.recordings).sort(([ a ], [ b ]) => a.localeCompare(b)));

  return JSON.stringify({ $schema: schema.$id, version: 1, recordings }, null, 2) + '\n';
}
