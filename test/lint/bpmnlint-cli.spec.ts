/**
 * The packaged bpmnlint plugin as a user's CI runs it: `npm run package` writes
 * bpmnlint-plugin-catalyst-<version>.tgz, a project installs it (offline: it depends on
 * nothing from the registry) and runs the real `bpmnlint` command line with the
 * .bpmnlintrc of docs/lint.md.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { packageLintPlugin } from '../../lint/package.mjs';

const run = promisify(execFile);
const BPMNLINT = createRequire(import.meta.url).resolve('bpmnlint/bin/bpmnlint.js');
const FIXTURE = path.join(import.meta.dirname, 'fixtures/catalyst-problems.bpmn');
const KEY = 'gsk_8f3KdLq0sP2xYvB7nM4tR1wZ';

/** The .bpmnlintrc docs/lint.md tells users to write. */
const RC = {
  extends: [ 'bpmnlint:recommended', 'plugin:catalyst/recommended' ],
  moddleExtensions: { camunda: 'bpmnlint-plugin-catalyst/camunda' }
};

describe('lint/package.mjs: the Catalyst rules on the bpmnlint command line', () => {
  let project: string;
  let files: string[];

  beforeAll(async () => {
    project = mkdtempSync(path.join(tmpdir(), 'catalyst-bpmnlint-project-'));
    const packed = await packageLintPlugin({ outDir: path.join(project, 'packed') });
    files = packed.files;

    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    await run('npm', [ 'install', '--offline', '--no-audit', '--no-fund', '--save-dev', packed.out ], { cwd: project });
    copyFileSync(FIXTURE, path.join(project, 'order.bpmn'));
  }, 120_000);

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  async function bpmnlint(rc: object): Promise<{ code: number; stdout: string }> {
    writeFileSync(path.join(project, '.bpmnlintrc'), JSON.stringify(rc));

    try {
      const { stdout } = await run(process.execPath, [ BPMNLINT, 'order.bpmn' ], { cwd: project, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });

      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };

      return { code: failed.code, stdout: failed.stdout };
    }
  }

  const row = (stdout: string, id: string, text: string) =>
    stdout.split('\n').find(line => line.trim().startsWith(id) && line.includes(text));

  it('holds the bundled rules, the Camunda descriptor and the docs, nothing else', () => {
    expect(files).toEqual([
      'LICENSE', 'README.md', 'THIRD-PARTY-NOTICES.md', 'camunda.json', 'index.js', 'package.json',
      'rules/task-error.js', 'rules/task-info.js', 'rules/task-warning.js'
    ]);
  });

  it('lists a Catalyst error naming the task and the problem, and fails the build', async () => {

    // when
    const { code, stdout } = await bpmnlint(RC);

    // then
    expect(code).toBe(1);
    expect(row(stdout, 'AskTypo', 'catalyst.timeout: "60" is not an ISO-8601 duration')).toMatch(/^\s*AskTypo\s+error\s+catalyst\.timeout/);
    expect(row(stdout, 'BrokenPayload', 'catalyst.payload: JSON syntax')).toMatch(/\berror\b/);
  });

  it('lists warnings and hints with their own severity', async () => {

    // when
    const { stdout } = await bpmnlint(RC);

    // then
    expect(row(stdout, 'AskTypo', 'variable userMesage is not set anywhere in the diagram; did you mean userMessage?')).toMatch(/\bwarning\b/);
    expect(row(stdout, 'ViaProxy', 'catalyst.url points at llm-proxy.example.com')).toMatch(/\binfo\b/);
  });

  it('reports a key in the diagram without printing the key', async () => {

    // when
    const { stdout } = await bpmnlint(RC);

    // then
    expect(row(stdout, 'KeyInUrl', 'catalyst.url holds what looks like a real API key')).toBeDefined();
    expect(stdout).not.toContain(KEY);
  });

  it('passes a diagram whose Catalyst tasks are fine', async () => {

    // given
    const clean = readFileSync(FIXTURE, 'utf8')
      .replace(/ *<bpmn:serviceTask id="(?!Clean")[\s\S]*?<\/bpmn:serviceTask>\n/g, '')
      .replace(/ *<bpmn:sequenceFlow[^>]*targetRef="(?!Clean")[^"]*" \/>\n/g, '')
      .replace(/ *<bpmndi:BPMNShape id="(?!Clean_|StartEvent_).*\n/g, '');
    writeFileSync(path.join(project, 'order.bpmn'), clean);

    try {

      // when
      const { code, stdout } = await bpmnlint({ ...RC, extends: [ 'plugin:catalyst/recommended' ] });

      // then
      expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: '' });
    } finally {
      copyFileSync(FIXTURE, path.join(project, 'order.bpmn'));
    }
  });

  it('tells a user who left out moddleExtensions what to add', async () => {

    // when
    const { code, stdout } = await bpmnlint({ extends: RC.extends });

    // then
    expect(code).toBe(1);
    expect(row(stdout, 'AskTypo', 'this Catalyst task cannot be checked')).toContain('"moddleExtensions"');
  });
});
