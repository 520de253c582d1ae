import type { RunMode } from '../runtime/testing';
import type { SuiteReport } from './junit';
import { formatMs } from './output';

const MODE_WORDS: Record<RunMode, string> = {
  replay: 'replayed from recordings',
  record: 'live, recorded',
  live: 'live'
};

/**
 * The readable summary of `catalyst test`: per diagram, each case passed or failed; under a
 * failed one, each failed expectation with what was seen instead; then the totals.
 *
 * ```
 * order.bpmn
 *   pass  capital of France [Ask] 19 tokens, 812 ms
 *   FAIL  refund [Refund]
 *         aiReply contains "refund": it is "We cannot help."
 *
 * 2 cases (replayed from recordings): 1 passed, 1 failed
 * ```
 */
export function formatTestReport(reports: SuiteReport[], mode: RunMode): string {
  const lines: string[] = [];
  const all = reports.flatMap(report => report.results);

  for (const report of reports) {
    lines.push(report.name);

    for (const result of report.results) {
      const facts = [ result.tokens !== null ? `${result.tokens} tokens` : null, result.result && !result.error ? formatMs(result.durationMs) : null ].filter(Boolean).join(', ');

      lines.push(`  ${result.passed ? 'pass' : 'FAIL'}  ${result.name} [${result.task}]${facts ? ` ${facts}` : ''}`);

      for (const check of result.checks.filter(each => !each.passed)) {
        lines.push(`        ${check.label}: ${oneLine(check.detail ?? 'failed')}`);
      }
    }

    lines.push('');
  }

  const failed = all.filter(result => !result.passed).length;

  lines.push(`${all.length} case${all.length === 1 ? '' : 's'} (${MODE_WORDS[mode]}): ${all.length - failed} passed, ${failed} failed`);

  return lines.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
