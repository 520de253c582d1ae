import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { readCatalystTasks, type CatalystDiagram, type CatalystTask } from '../runtime/bpmn/read';
import { CatalystError } from '../runtime/errors';

import { UsageError } from './errors';

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file'
};

/**
 * A text file the user named on the command line.
 *
 * @throws UsageError naming the file and what is wrong with it.
 */
export async function readUserFile(file: string, cwd: string): Promise<string> {
  try {

    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    return (await readFile(path.resolve(cwd, file), 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';

    throw new UsageError(`cannot read ${file}: ${READ_PROBLEMS[code] ?? (code || 'unknown error')}`);
  }
}

/**
 * The Catalyst tasks of a BPMN file.
 *
 * @throws UsageError when the file cannot be read or is not a BPMN diagram.
 */
export async function readDiagram(file: string, cwd: string): Promise<CatalystDiagram> {
  const xml = await readUserFile(file, cwd);

  try {
    return await readCatalystTasks(xml);
  } catch (error) {
    if (error instanceof CatalystError) {
      throw new UsageError(`${file}: ${error.message}`);
    }

    throw error;
  }
}

/**
 * The Catalyst task `taskId` of a diagram.
 *
 * @throws UsageError listing the diagram's Catalyst tasks when there is no such task.
 */
export function findTask(diagram: CatalystDiagram, file: string, taskId: string | undefined): CatalystTask {
  const ids = diagram.tasks.map(task => task.id);
  const available = ids.length ? `Catalyst tasks in ${file}: ${ids.join(', ')}` : `${file} has no Catalyst tasks`;

  if (!taskId) {
    throw new UsageError(`missing --task <id>; ${available}`);
  }

  const task = diagram.tasks.find(each => each.id === taskId);

  if (!task) {
    throw new UsageError(`no Catalyst task "${taskId}" in ${file}; ${available}`);
  }

  return task;
}
