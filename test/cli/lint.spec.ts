import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { root, runCli, scratchFixtures } from './capture';

describe('catalyst lint', () => {

  let scratch: Awaited<ReturnType<typeof scratchFixtures>>;

  beforeAll(async () => {
    scratch = await scratchFixtures('http://127.0.0.1:9');
  });

  afterAll(async () => {
    await scratch.remove();
  });

  const inScratch = (argv: string[]) => runCli(argv, { cwd: scratch.dir });


  it('passes the example diagram with no output and exit 0', async () => {
    expect(await inScratch([ 'lint', 'example.bpmn' ])).toEqual({ code: 0, stdout: '', stderr: '' });
  });


  it('prints file:taskId:severity:code: message lines and exits 1 on errors', async () => {

    // when
    const { code, stdout } = await inScratch([ 'lint', 'lint-problems.bpmn' ]);

    // then
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      'lint-problems.bpmn:Typo:error:config/timeout: catalyst.timeout: "60" is not an ISO-8601 duration; write it like PT60S, PT1M30S or PT0.5S',
      'lint-problems.bpmn:Typo:warning:config/unknown-property: catalyst.retreis is not a Catalyst property and is ignored; did you mean catalyst.retries?',
      expect.stringMatching(/^lint-problems\.bpmn:Typo:warning:template\/unknown-variable: .*userMessage/),
      expect.stringMatching(/^lint-problems\.bpmn:KeyInDiagram:warning:template\/unknown-variable: .*question/),
      expect.stringMatching(/^lint-problems\.bpmn:KeyInDiagram:error:secret\/key-literal: catalyst\.secretName holds what looks like a real API key/)
    ]);
  });


  it('never prints the key it found', async () => {
    const { stdout } = await inScratch([ 'lint', 'lint-problems.bpmn' ]);

    expect(stdout).not.toContain('gsk_8f3KdLq0sP2xYvB7nM4tR1wZ');
  });


  it('prints a JSON array of findings with --format json', async () => {

    // when
    const { code, stdout } = await inScratch([ 'lint', '--format', 'json', 'lint-problems.bpmn', 'example.bpmn' ]);
    const rows = JSON.parse(stdout);

    // then
    expect(code).toBe(1);
    expect(Object.keys(rows[0])).toEqual([ 'file', 'taskId', 'severity', 'code', 'message', 'from', 'to' ]);
    expect(rows[0]).toEqual({
      file: 'lint-problems.bpmn',
      taskId: 'Typo',
      severity: 'error',
      code: 'config/timeout',
      message: 'catalyst.timeout: "60" is not an ISO-8601 duration; write it like PT60S, PT1M30S or PT0.5S',
      from: 0,
      to: 0
    });
  });


  it('gives payload findings their offsets in the payload', async () => {
    const { stdout } = await inScratch([ 'lint', '--format', 'json', 'lint-problems.bpmn' ]);
    const unknown = JSON.parse(stdout).find((row: { code: string }) => row.code === 'template/unknown-variable');

    expect(unknown.to).toBeGreaterThan(unknown.from);
  });


  it('notes a diagram without Catalyst tasks on stderr and exits 0', async () => {

    // given a real Camunda 7 diagram with external tasks on other topics
    const file = path.resolve(root, '../shared/bpmn/loan-granting.bpmn');

    // when
    const result = await runCli([ 'lint', file ]);

    // then
    expect(result).toEqual({ code: 0, stdout: '', stderr: `${file}: no Catalyst tasks\n` });
  });


  it('exits 64 naming a file that does not exist', async () => {
    expect(await inScratch([ 'lint', 'example.bpmn', 'missing.bpmn' ])).toEqual({
      code: 64, stdout: '', stderr: 'catalyst lint: cannot read missing.bpmn: no such file\n'
    });
  });


  it('exits 64 naming the line and column of a file that is not BPMN', async () => {

    // given
    await writeFile(path.join(scratch.dir, 'broken.bpmn'), '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <bpmn:process id="p"></bpmn:task>\n</bpmn:definitions>');

    // when
    const { code, stderr } = await inScratch([ 'lint', 'broken.bpmn' ]);

    // then
    expect(code).toBe(64);
    expect(stderr).toMatch(/^catalyst lint: broken\.bpmn: not a readable BPMN diagram: closing tag mismatch .* at line 3, column \d+\n$/);
  });


  it('exits 64 for an unknown format and for no files', async () => {
    expect((await inScratch([ 'lint', '--format', 'xml', 'example.bpmn' ])).stderr).toBe('catalyst lint: --format must be text or json, not "xml"\n');
    expect((await inScratch([ 'lint' ])).code).toBe(64);
  });

});
