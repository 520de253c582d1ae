import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import type { CatalystDiagram } from '../runtime/bpmn/read';
import { CatalystError } from '../runtime/errors';
import { isDiagramFile, parseRecordingFile, parseTestFile, recordingFileFor, testFileFor, TEST_FILE_SUFFIX, type RecordingFile, type TestSuite } from '../runtime/testing';

import { UsageError } from './errors';
import { readDiagram, readUserFile } from './files';

/** A diagram with its saved cases and (when read) its recordings. */
export interface LoadedSuite {

  /** The diagram as the user named it (or as found under a named folder). */
  file: string;
  diagram: CatalystDiagram;
  testFile: string;
  suite: TestSuite;
  recordingFile: string;

  /** The recordings file's contents; empty when there is none yet. */
  recordings: RecordingFile;
}

/** Folders a search for diagrams never enters: dependencies, build output, VCS and tool folders. */
const SKIPPED_FOLDERS = new Set([ 'node_modules', 'dist', 'target', 'build' ]);

/**
 * The diagrams named on the command line with their test cases: a `.bpmn` file must have a
 * `<diagram>.catalyst-tests.json` beside it; a folder is searched for diagrams that have one.
 * Every file is read and checked before any case runs.
 *
 * @throws UsageError for a missing file, a diagram without cases, a folder without any, or
 *   a test or recordings file that is not valid (its message names file, line and column)
 */
export async function loadSuites(targets: string[], cwd: string, withRecordings: boolean): Promise<LoadedSuite[]> {
  const diagrams: string[] = [];

  for (const target of targets) {
    diagrams.push(...await diagramsOf(target, cwd));
  }

  const unique = [ ...new Set(diagrams) ];
  const suites: LoadedSuite[] = [];

  for (const file of unique) {
    const testFile = testFileFor(file);
    const recordingFile = recordingFileFor(file);
    const suite = await parseFile(testFile, cwd, parseTestFile);

    suites.push({
      file,
      testFile,
      recordingFile,
      diagram: await readDiagram(file, cwd),
      suite,
      recordings: withRecordings ? await readRecordings(recordingFile, cwd) : { version: 1, recordings: {} }
    });
  }

  return suites;
}

async function asUsage<T>(read: () => Promise<T> | T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CatalystError && !(error instanceof UsageError)) {
      throw new UsageError(error.message);
    }

    throw error;
  }
}

/** A sidecar file read and parsed; a problem in it is wrong usage (exit 64), not a failed case. */
async function parseFile<T>(file: string, cwd: string, parse: (text: string, file: string) => T): Promise<T> {
  const text = await readUserFile(file, cwd);

  return asUsage(() => parse(text, file));
}

async function readRecordings(file: string, cwd: string): Promise<RecordingFile> {
  if (!await exists(path.resolve(cwd, file))) {
    return { version: 1, recordings: {} };
  }

  return parseFile(file, cwd, parseRecordingFile);
}

async function diagramsOf(target: string, cwd: string): Promise<string[]> {
  let isFolder: boolean;

  try {
    isFolder = (await stat(path.resolve(cwd, target))).isDirectory();
  } catch {
    throw new UsageError(`${target}: no such file or folder`);
  }

  if (!isFolder) {
    if (!isDiagramFile(target)) {
      throw new UsageError(`${target}: name a .bpmn diagram or a folder holding diagrams`);
    }

    if (!await exists(path.resolve(cwd, testFileFor(target)))) {
      throw new UsageError(`${target}: no test cases (${testFileFor(target)} not found; save a case in the Modeler, see docs/testing.md)`);
    }

    return [ target ];
  }

  const found = await searchFolder(target, cwd);

  if (!found.length) {
    throw new UsageError(`${target}: no test cases in this folder (no <diagram>${TEST_FILE_SUFFIX} beside a .bpmn file)`);
  }

  return found;
}

/** Diagrams under `folder` that have a test-cases file, in a stable (sorted) order. */
async function searchFolder(folder: string, cwd: string): Promise<string[]> {
  const entries = await readdir(path.resolve(cwd, folder), { withFileTypes: true });
  const names = new Set(entries.map(entry => entry.name));
  const found: string[] = [];

  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.join(folder, entry.name);

    if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
      found.push(...await searchFolder(relative, cwd));
    } else if (entry.isFile() && isDiagramFile(entry.name) && names.has(path.basename(testFileFor(entry.name)))) {
      found.push(relative);
    }
  }

  return found;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
