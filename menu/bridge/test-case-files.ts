import { randomUUID } from 'node:crypto';
import { lstat, open, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { formatRecordingFile, formatTestFile, isDiagramFile, parseRecordingFile, parseTestFile, recordingFileFor, testFileFor, TestFileError, type Recording, type RecordingFile, type TestSuite } from '../../runtime/testing';

import { BridgeRequestError } from './bridge-error';

/** Largest test-cases or recordings file the bridge reads (a few hundred cases fit many times). */
const MAX_SIDECAR_BYTES = 1024 * 1024;

const MAX_PATH_CHARS = 4096;

/** The BPMN 2.0 model namespace: a `.bpmn` file without it is not a diagram the Modeler opened. */
const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const SNIFF_BYTES = 64 * 1024;

/** A diagram the renderer named, with the sidecar files beside it. */
export interface DiagramFiles {
  diagram: string;
  testFile: string;
  recordingFile: string;
}

/**
 * The sidecar files of the diagram the renderer names. The bridge reads and writes nothing
 * else: the path must be absolute, free of `.` and `..` segments, end in `.bpmn` and be an
 * existing BPMN diagram; the sidecars sit beside it and must not be links.
 *
 * @throws BridgeRequestError 400 (the path breaks a rule) or 404 (no such diagram)
 */
export async function diagramFiles(value: unknown): Promise<DiagramFiles> {
  if (typeof value !== 'string' || !value || value.length > MAX_PATH_CHARS || value.includes('\0')) {
    throw badPath('must be the absolute path of the open .bpmn diagram');
  }

  if (!path.isAbsolute(value) || value.split(/[\\/]/).some(segment => segment === '..' || segment === '.')) {
    throw badPath(`must be an absolute path without . or .. segments, not ${JSON.stringify(value)}`);
  }

  if (!isDiagramFile(value)) {
    throw badPath(`must name a .bpmn diagram, not ${JSON.stringify(path.basename(value))}`);
  }

  if (!await isBpmnFile(value)) {
    throw new BridgeRequestError(404, 'DIAGRAM_NOT_FOUND', `${value} is not a saved BPMN diagram (save the diagram first)`, { field: 'diagram' });
  }

  return { diagram: value, testFile: testFileFor(value), recordingFile: recordingFileFor(value) };
}

/** The diagram's test cases; an empty suite when it has none yet. */
export async function readTestCases(files: DiagramFiles): Promise<{ exists: boolean; suite: TestSuite }> {
  const text = await readSidecar(files.testFile);

  if (text === null) {
    return { exists: false, suite: { version: 1, cases: [] } };
  }

  return { exists: true, suite: asInvalid(() => parseTestFile(text, files.testFile)) };
}

/**
 * Check `suite` as `catalyst test` will read it, then replace the test-cases file with it
 * (written beside and renamed, so a crash never leaves half a file).
 *
 * @throws BridgeRequestError 422 naming the first problem
 */
export async function writeTestCases(files: DiagramFiles, suite: unknown): Promise<TestSuite> {

  // the line and column would point into the request, not into any file the user has
  const checked = asInvalid(() => parseTestFile(JSON.stringify(suite, null, 2), files.testFile), message => message.replace(/^(.*?):\d+:\d+: /, 'not saved: '));

  await underLock(files.testFile, () => replaceFile(files.testFile, formatTestFile(checked)));

  return checked;
}

/** The diagram's recordings; none when there is no file. */
export async function readRecordings(files: DiagramFiles): Promise<RecordingFile> {
  const text = await readSidecar(files.recordingFile);

  return text === null ? { version: 1, recordings: {} } : asInvalid(() => parseRecordingFile(text, files.recordingFile));
}

/**
 * Save one case's recording into the diagram's recordings file. Read, merged and written
 * under a lock per file, so two cases recorded at once both keep theirs.
 */
export function saveRecording(files: DiagramFiles, name: string, recording: Recording): Promise<void> {
  return underLock(files.recordingFile, async () => {
    const { recordings } = await readRecordings(files);

    await replaceFile(files.recordingFile, formatRecordingFile({ version: 1, recordings: { ...recordings, [name]: recording } }));
  });
}

const locks = new Map<string, Promise<unknown>>();

async function underLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(file) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);

  locks.set(file, mine);

  try {
    return await mine;
  } finally {
    if (locks.get(file) === mine) {
      locks.delete(file);
    }
  }
}

async function isBpmnFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) {
      return false;
    }

    const handle = await open(file, 'r');

    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);

      return buffer.subarray(0, bytesRead).toString('utf8').includes(BPMN_NAMESPACE);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** A sidecar's text, `null` when it does not exist. */
async function readSidecar(file: string): Promise<string | null> {
  let size: number;

  try {
    const info = await lstat(file);

    if (!info.isFile()) {
      throw new BridgeRequestError(400, 'TEST_FILE_NOT_REGULAR', `${file} is not a regular file (a link or a folder); the bridge reads only plain files beside the diagram`);
    }

    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }

    throw error;
  }

  if (size > MAX_SIDECAR_BYTES) {
    throw new BridgeRequestError(413, 'TEST_FILE_TOO_LARGE', `${file} is ${size} bytes, over the bridge's limit of ${MAX_SIDECAR_BYTES}`);
  }

  const handle = await open(file, 'r');

  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

async function replaceFile(file: string, text: string): Promise<void> {
  if (Buffer.byteLength(text) > MAX_SIDECAR_BYTES) {
    throw new BridgeRequestError(413, 'TEST_FILE_TOO_LARGE', `${path.basename(file)} would be over the bridge's limit of ${MAX_SIDECAR_BYTES} bytes`);
  }

  // refuses to write through a link someone put where the sidecar goes
  await readSidecar(file);

  const temporary = `${file}.${randomUUID()}.tmp`;

  await writeFile(temporary, text, { flag: 'wx' });
  await rename(temporary, file);
}

function asInvalid<T>(read: () => T, describe: (message: string) => string = message => message): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TestFileError) {
      throw new BridgeRequestError(422, 'TEST_FILE_INVALID', describe(error.message));
    }

    throw error;
  }
}

function badPath(message: string): BridgeRequestError {
  return new BridgeRequestError(400, 'DIAGRAM_PATH', `diagram: ${message}`, { field: 'diagram' });
}
