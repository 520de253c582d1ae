/**
 * Catalyst's checks as bpmnlint rules: every Catalyst task's `lintTask` findings (the same
 * the properties panel, `catalyst lint` and the worker report) and what reading the diagram
 * finds odd (catalyst.* properties on a task no worker runs, a property set twice).
 *
 * bpmnlint gives a report the category of the rule that made it, so there is one rule per
 * severity: `task-error`, `task-warning`, `task-info`. The rules are one implementation
 * for the Modeler's Problems panel (client/index.ts registers them), the playground's
 * Problems tab and the `bpmnlint` command line (the packaged plugin, lint/package.mjs).
 */
import type { ModdleElement } from 'bpmn-moddle';

import { splitInlineCode } from '../client/editor/inline-code';
import { catalystTasksOf } from '../runtime/bpmn/tasks';
import { lintTask } from '../runtime/lint/lint-task';
import type { Severity } from '../runtime/types';

/** The npm name of the plugin: bpmnlint finds `plugin:catalyst/…` under it. */
export const PLUGIN_PACKAGE = 'bpmnlint-plugin-catalyst';

/** The rule reporting each severity of finding, by its name within the plugin. */
const RULE_OF_SEVERITY = {
  error: 'task-error',
  warning: 'task-warning',
  info: 'task-info'
} as const satisfies Record<Severity, string>;

export type CatalystRuleName = typeof RULE_OF_SEVERITY[Severity];

/** What the rules need of bpmnlint's reporter. */
interface Reporter {
  report(id: string, message: string, context?: Record<string, unknown>): void;
}

/** A bpmnlint rule definition. */
export interface RuleDefinition {
  check(node: ModdleElement, reporter: Reporter): void;
}

/** A bpmnlint configuration (what `.bpmnlintrc` holds). */
export interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, string | number | [ string | number, unknown? ]>;
}

/**
 * `plugin:catalyst/recommended`: each finding with the severity `lintTask` gives it, so an
 * error fails `bpmnlint` in CI and a warning does not (unless `--max-warnings`).
 */
export const recommendedConfig: LintConfig = {
  rules: {
    [`catalyst/${RULE_OF_SEVERITY.error}`]: 'error',
    [`catalyst/${RULE_OF_SEVERITY.warning}`]: 'warn',
    [`catalyst/${RULE_OF_SEVERITY.info}`]: 'info'
  }
};

/** One problem of a diagram, as a rule reports it. */
interface CatalystProblem {
  elementId: string;

  /** The element's name, which the Modeler's Problems panel shows instead of the id. */
  name: string;
  severity: Severity;

  /** Plain text: the property it concerns first, code spans quoted, no rule codes. */
  message: string;
}

/**
 * Every Catalyst problem of a diagram read with the Camunda moddle extension.
 */
function catalystProblems(definitions: ModdleElement): CatalystProblem[] {
  const { tasks, warnings } = catalystTasksOf(definitions);
  const names = new Map(tasks.map(task => [ task.id, task.name ]));
  const problems: CatalystProblem[] = [];

  for (const warning of warnings) {
    if (warning.elementId) {
      problems.push({ elementId: warning.elementId, name: names.get(warning.elementId) ?? '', severity: 'warning', message: plainText(warning.message) });
    }
  }

  for (const task of tasks) {
    for (const finding of lintTask(task)) {
      problems.push({ elementId: task.id, name: task.name, severity: finding.severity, message: problemMessage(finding) });
    }
  }

  return problems;
}

/**
 * A finding as plain text for a surface that shows no markup (the Problems panel, the
 * `bpmnlint` table): prefixed with the property it concerns unless it names it already.
 */
export function problemMessage(finding: { property: string; message: string }): string {
  const text = plainText(finding.message);

  return text.startsWith(finding.property) ? text : `${finding.property}: ${text}`;
}

// Code spans (`max_tokens`) become quoted text; the terminal and the panel show no markup.
function plainText(message: string): string {
  return splitInlineCode(message)
    .map(part => part.code ? `“${part.text}”` : part.text)
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

// bpmnlint runs the three rules one after the other on the same root in one synchronous
// pass: read the diagram once for all of them, and forget it before the next lint (the
// playground lints the same, edited, definitions object again).
let lastRun: { definitions: ModdleElement; problems: CatalystProblem[] } | undefined;

function problemsOnce(definitions: ModdleElement): CatalystProblem[] {
  if (lastRun?.definitions !== definitions) {
    lastRun = { definitions, problems: catalystProblems(definitions) };
    queueMicrotask(() => {
      lastRun = undefined;
    });
  }

  return lastRun.problems;
}

/**
 * The bpmnlint rule reporting the Catalyst problems of one severity. A diagram read
 * without the Camunda moddle extension (the `bpmnlint` command line without
 * `moddleExtensions`) hides the tasks' properties; the error rule says so on each task.
 */
function catalystRule(severity: Severity): () => RuleDefinition {
  return () => ({
    check(node, reporter) {
      if (!readsCamunda(node)) {
        if (severity === 'error' && looksLikeCatalystTask(node)) {
          reporter.report(node.id!, MISSING_EXTENSION, context(node.name ?? ''));
        }

        return;
      }

      if (node.$type !== 'bpmn:Definitions') {
        return;
      }

      for (const problem of problemsOnce(node)) {
        if (problem.severity === severity) {
          reporter.report(problem.elementId, problem.message, context(problem.name));
        }
      }
    }
  });
}

/** The rule factories by name within the plugin. */
export const ruleFactories: Record<CatalystRuleName, () => RuleDefinition> = {
  [RULE_OF_SEVERITY.error]: catalystRule('error'),
  [RULE_OF_SEVERITY.warning]: catalystRule('warning'),
  [RULE_OF_SEVERITY.info]: catalystRule('info')
};

const MISSING_EXTENSION = 'this Catalyst task cannot be checked: bpmnlint read the diagram without the Camunda moddle extension; '
  + `add "moddleExtensions": { "camunda": "${PLUGIN_PACKAGE}/camunda" } to .bpmnlintrc`;

// the Modeler shows `name || id`; an empty name must not hide the id
function context(name: string): Record<string, unknown> | undefined {
  return name ? { name } : undefined;
}

function readsCamunda(node: ModdleElement): boolean {
  return Boolean(node.$model?.getPackage('camunda'));
}

// Without the extension `camunda:topic` is an unknown attribute under whatever prefix the
// file binds to the Camunda namespace.
function looksLikeCatalystTask(node: ModdleElement): boolean {
  const attributes: Record<string, unknown> = node.$attrs ?? {};

  return Object.entries(attributes).some(([ name, value ]) => /:topic$/.test(name) && value === 'catalyst');
}
