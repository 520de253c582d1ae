import { stringOption } from '../args';
import { EXIT, UsageError } from '../errors';
import { readDiagram } from '../files';
import { lintTask } from '../../runtime/lint/lint-task';
import { formatLintLine, type LintRow } from '../output';
import type { Command } from './command';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'check the Catalyst tasks of BPMN files',
  usage: [
    'catalyst lint <file.bpmn>... [--format text|json]',
    '',
    'Checks every Catalyst task: its catalyst.* properties, the payload template (JSON,',
    'placeholders, variables the diagram does not know, chat-completions fields, models),',
    'the response and error mappings, and keys written into the diagram.',
    '',
    '  --format text|json   text: file:taskId:severity:code: message (default);',
    '                       json: an array of {file, taskId, severity, code, message, from, to}',
    '',
    'Exit 0 when no finding is an error, 1 when one is, 64 when a file cannot be read.'
  ].join('\n'),
  options: {
    format: { type: 'string' }
  },

  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'text';

    if (format !== 'text' && format !== 'json') {
      throw new UsageError(`--format must be text or json, not "${format}"`);
    }

    if (!args.positionals.length) {
      throw new UsageError('name at least one BPMN file to lint');
    }

    // Read every file first, so an unreadable one stops the run before any output.
    const diagrams = [];

    for (const file of args.positionals) {
      diagrams.push({ file, diagram: await readDiagram(file, io.cwd) });
    }

    const rows: LintRow[] = [];

    for (const { file, diagram } of diagrams) {
      for (const warning of diagram.warnings) {
        rows.push({ file, taskId: warning.elementId ?? '-', severity: 'warning', code: warning.code, message: warning.message, from: 0, to: 0 });
      }

      for (const task of diagram.tasks) {
        for (const { severity, code, message, from, to } of lintTask(task)) {
          rows.push({ file, taskId: task.id, severity, code, message, from, to });
        }
      }

      if (!diagram.tasks.length && format === 'text') {
        io.stderr(`${file}: no Catalyst tasks\n`);
      }
    }

    if (format === 'json') {
      io.stdout(JSON.stringify(rows, null, 2) + '\n');
    } else {
      io.stdout(rows.map(row => formatLintLine(row) + '\n').join(''));
    }

    return rows.some(row => row.severity === 'error') ? EXIT.failure : EXIT.ok;
  }
};
