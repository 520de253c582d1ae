import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { CliIO } from '../../cli/io';
import { run } from '../../cli/main';

export const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
export const root = path.resolve(fixtures, '../../..');

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `catalyst` in-process with captured output. */
export async function runCli(argv: string[], options: { env?: Record<string, string>; cwd?: string; fetch?: typeof fetch } = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: text => { stdout += text; },
    stderr: text => { stderr += text; },
    env: options.env ?? {},
    cwd: options.cwd ?? root,
    fetch: options.fetch
  };

  const code = await run(argv, io);

  return { code, stdout, stderr };
}

/** A scratch directory holding the fixtures, with ORIGIN replaced by a server's address. */
export async function scratchFixtures(origin: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'catalyst-cli-'));

  for (const name of [ 'call.bpmn', 'lint-problems.bpmn' ]) {
    const text = await readFile(path.join(fixtures, name), 'utf8');
    await writeFile(path.join(dir, name), text.replaceAll('ORIGIN', origin));
  }

  await copyFile(path.join(root, 'resources/examples/catalyst-example.bpmn'), path.join(dir, 'example.bpmn'));

  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
