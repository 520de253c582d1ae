import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { root, runCli } from './capture';

describe('cli/main', () => {

  it('prints the commands for help, --help and no arguments', async () => {
    for (const argv of [ [ 'help' ], [ '--help' ], [] ]) {
      const { code, stdout } = await runCli(argv);

      expect(code).toBe(0);
      expect(stdout).toMatch(/^ {2}lint {4}check the Catalyst tasks of BPMN files$/m);
      expect(stdout).toMatch(/^ {2}call {4}/m);
      expect(stdout).toMatch(/^ {2}models {2}/m);
    }
  });


  it('prints a command\'s usage for help <command> and <command> --help', async () => {
    const viaHelp = await runCli([ 'help', 'call' ]);
    const viaFlag = await runCli([ 'call', 'order.bpmn', '--bogus', '--help' ]);

    expect(viaHelp.stdout).toContain('catalyst call <file.bpmn> --task <id>');
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
  });


  it('prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

    expect(await runCli([ '--version' ])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });


  it('rejects an unknown command with exit 64 and one line', async () => {

    // when
    const { code, stderr, stdout } = await runCli([ 'deploy' ]);

    // then
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^catalyst: unknown command "deploy"; commands: lint, call, models/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });


  it('rejects an unknown option with exit 64, naming it', async () => {
    const { code, stderr } = await runCli([ 'lint', '--colour', 'x.bpmn' ]);

    expect(code).toBe(64);
    expect(stderr).toBe('catalyst lint: Unknown option \'--colour\'\n');
  });


  it('rejects an option without its value with exit 64', async () => {
    const { code, stderr } = await runCli([ 'call', 'x.bpmn', '--task' ]);

    expect(code).toBe(64);
    expect(stderr).toMatch(/^catalyst call: Option '--task <value>' argument missing/);
  });

});
