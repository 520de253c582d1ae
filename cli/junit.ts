import type { CaseResult } from '../runtime/testing';

/** One diagram's results, as one `<testsuite>`. */
export interface SuiteReport {
  name: string;
  results: CaseResult[];
}

/**
 * JUnit XML (the Ant/Jenkins form CI servers read): `<testsuites>` with one `<testsuite>`
 * per diagram and one `<testcase>` per saved case. A failed expectation is a `<failure>`; a
 * case that could not be judged (no recording, changed prompt, missing task) an `<error>`.
 */
export function formatJUnit(reports: SuiteReport[], timestamp: Date): string {
  const all = reports.flatMap(report => report.results);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="catalyst test" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="${seconds(sum(all))}">`
  ];

  reports.forEach((report, index) => {
    const { results } = report;

    lines.push(`  <testsuite name="${attr(report.name)}" id="${index}" tests="${results.length}" failures="${count(results, 'failure')}" errors="${count(results, 'error')}" skipped="0" time="${seconds(sum(results))}" timestamp="${timestamp.toISOString().slice(0, 19)}">`);

    for (const result of results) {
      const open = `    <testcase name="${attr(result.name)}" classname="${attr(`${report.name}.${result.task}`)}" time="${seconds(result.durationMs)}"`;

      if (result.passed) {
        lines.push(`${open}/>`);
        continue;
      }

      const failed = result.checks.filter(check => !check.passed);
      const text = failed.map(check => `${check.label}: ${check.detail ?? 'failed'}`).join('\n');
      const kind = result.error ? 'error' : 'failure';
      const type = result.error ? 'CaseNotRun' : 'ExpectationFailed';

      lines.push(`${open}>`);
      lines.push(`      <${kind} message="${attr(firstLine(result, failed))}" type="${type}">${text ? escapeText(text) : ''}</${kind}>`);
      lines.push('    </testcase>');
    }

    lines.push('  </testsuite>');
  });

  lines.push('</testsuites>');

  return lines.join('\n') + '\n';
}

function firstLine(result: CaseResult, failed: CaseResult['checks']): string {
  if (result.error) {
    return result.error;
  }

  const [ first ] = failed;

  return first ? `${first.label}: ${first.detail ?? 'failed'}` : 'failed';
}

function count(results: CaseResult[], kind: 'failure' | 'error'): number {
  return results.filter(result => !result.passed && (kind === 'error') === (result.error !== null)).length;
}

function sum(results: CaseResult[]): number {
  return results.reduce((total, result) => total + result.durationMs, 0);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// XML 1.0 allows no control characters other than tab, line feed and carriage return, even escaped.
// eslint-disable-next-line no-control-regex -- matching those characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(text: string): string {
  return text.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
