/**
 * The playground's Problems tab, standing in for the Modeler's (its bottom panel and status
 * bar counters): the diagram linted with bpmnlint and the rules plugins registered as
 * `lintRules.bpmn` (the Catalyst plugin's, client/index.ts), again after every change;
 * a click on a problem selects its element and scrolls the canvas to it.
 *
 * Like the Modeler, the tab adds each plugin's `config` to one configuration and asks the
 * plugins' resolvers in turn. Unlike it, it lints without the Modeler's own rules
 * (bpmnlint-plugin-camunda-compat, bpmnlint's correctness set) and also lints a diagram
 * that names no execution platform, which the Modeler leaves unlinted.
 */
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import { Linter, type LintReport } from 'bpmnlint';

import { getPlugins } from './plugins';
import './problems-tab.css';

/** The plugin type the Modeler gives a Camunda 7 BPMN tab's linter. */
const LINT_RULES_TYPE = 'lintRules.bpmn';

/** A `lintRules.*` registration, as `registerClientPlugin({ config, resolver }, type)` makes it. */
interface LintRulesPlugin {
  config?: { extends?: string | string[]; rules?: Record<string, unknown> };
  resolver?: { resolveRule(pkg: string, name: string): unknown; resolveConfig(pkg: string, name: string): unknown };
}

/** One listed problem. */
interface Problem {
  elementId: string;

  /** What the list shows for the element: its name, or its id when it has none. */
  label: string;
  category: 'error' | 'warn' | 'info';
  message: string;
}

export interface ProblemsTabOptions {
  modeler: BpmnModeler;

  /** The rules plugins; the `lintRules.bpmn` registrations when left out. */
  plugins?: LintRulesPlugin[];
}

export interface ProblemsTab {

  /** The problems listed now. */
  readonly problems: readonly Problem[];

  /** Lints the diagram now and lists the result. */
  lint(): Promise<readonly Problem[]>;
  destroy(): void;
}

// edits come in bursts (typing in the panel): lint once they pause
const LINT_DELAY_MS = 250;

const ORDER = { error: 0, warn: 1, info: 2 } as const;

/**
 * Renders the Problems tab into `container` and keeps it current with the diagram.
 */
export function mountProblemsTab(container: HTMLElement, options: ProblemsTabOptions): ProblemsTab {
  const { modeler } = options;
  const translate = modeler.get<(text: string, replacements?: Record<string, string>) => string>('translate');
  const eventBus = modeler.get<any>('eventBus');
  const linter = createLinter(options.plugins ?? getPlugins<LintRulesPlugin>(LINT_RULES_TYPE));

  container.classList.add('cp-problems');
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', translate('Problems'));
  container.innerHTML = `
    <div class="cp-problems__header">
      <h2 class="cp-problems__title"></h2>
      <span class="cp-problems__counts" role="status"></span>
    </div>
    <p class="cp-problems__empty" hidden></p>
    <ul class="cp-problems__list"></ul>
  `;
  container.querySelector('.cp-problems__title')!.textContent = translate('Problems');

  const counts = container.querySelector<HTMLElement>('.cp-problems__counts')!;
  const empty = container.querySelector<HTMLElement>('.cp-problems__empty')!;
  const list = container.querySelector<HTMLUListElement>('.cp-problems__list')!;
  list.setAttribute('aria-label', translate('Problems'));
  empty.textContent = translate('No problems found.');

  let problems: Problem[] = [];
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function lint(): Promise<readonly Problem[]> {
    const current = ++run;
    const definitions = modeler.getDefinitions();
    const found = definitions ? toProblems(await linter.lint(definitions)) : [];

    // a lint started later (another edit) has the newer diagram; this result is stale
    if (current === run) {
      problems = found;
      render();
    }

    return found;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      lint().catch(error => console.error('Problems tab: lint failed', error));
    }, LINT_DELAY_MS);
  }

  function render() {
    const byCategory = { error: 0, warn: 0, info: 0 };
    problems.forEach(problem => byCategory[problem.category]++);

    counts.textContent = translate('Errors: {errors}, warnings: {warnings}, infos: {infos}', {
      errors: String(byCategory.error), warnings: String(byCategory.warn), infos: String(byCategory.info)
    });
    empty.hidden = problems.length > 0;
    list.replaceChildren(...problems.map(renderProblem));
  }

  function renderProblem(problem: Problem): HTMLLIElement {
    const item = document.createElement('li');
    const button = document.createElement('button');

    button.type = 'button';
    button.className = `cp-problem cp-problem--${problem.category}`;

    // spaces between the parts: the button's accessible name and its text read as words
    button.append(
      span('cp-problem__severity', translate(SEVERITY_LABEL[problem.category])), ' ',
      span('cp-problem__element', problem.label), ' ',
      span('cp-problem__message', problem.message)
    );
    button.addEventListener('click', () => show(problem));
    item.append(button);

    return item;
  }

  // as the Modeler's Problems panel does: select the element, bring it into view
  function show(problem: Problem) {
    const element = modeler.get<any>('elementRegistry').get(problem.elementId);

    if (!element) {
      return;
    }

    modeler.get<any>('canvas').scrollToElement(element);
    modeler.get<any>('selection').select(element);
  }

  eventBus.on([ 'import.done', 'commandStack.changed' ], schedule);
  render();
  schedule();

  return {
    get problems() {
      return problems;
    },
    lint,
    destroy() {
      clearTimeout(timer);
      eventBus.off([ 'import.done', 'commandStack.changed' ], schedule);
      container.replaceChildren();
    }
  };
}

/**
 * The element the Problems tab lives in, placed by the host inside its bottom panel tab.
 */
export function createProblemsContainer(): HTMLElement {
  const container = document.createElement('section');
  container.id = 'problems';

  return container;
}

const SEVERITY_LABEL = { error: 'Error', warn: 'Warning', info: 'Info' } as const;

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;

  return element;
}

/**
 * bpmnlint's Linter over the plugins' configurations and resolvers, as the Modeler builds
 * it for a tab.
 */
function createLinter(plugins: LintRulesPlugin[]): Linter {
  const config = {
    extends: plugins.flatMap(({ config = {} }) => [ config.extends ?? [] ].flat()),
    rules: Object.assign({}, ...plugins.map(({ config = {} }) => config.rules ?? {}))
  };

  const resolvers = plugins.flatMap(plugin => plugin.resolver ? [ plugin.resolver ] : []);

  // the first resolver that knows the name answers; bpmnlint resolvers throw otherwise
  const firstAnswer = (kind: 'resolveRule' | 'resolveConfig', pkg: string, name: string) => {
    for (const resolver of resolvers) {
      try {
        return resolver[kind](pkg, name);
      } catch {

        // not this one's
      }
    }

    throw new Error(`no lint rules plugin knows ${kind === 'resolveRule' ? 'rule' : 'config'} <${pkg}/${name}>`);
  };

  return new Linter({
    config,
    resolver: {
      resolveRule: (pkg: string, name: string) => firstAnswer('resolveRule', pkg, name),
      resolveConfig: (pkg: string, name: string) => firstAnswer('resolveConfig', pkg, name)
    }
  });
}

function toProblems(reports: Record<string, LintReport[]>): Problem[] {
  return Object.entries(reports)
    .flatMap(([ rule, list ]) => list.map(report => toProblem(rule, report)))
    .filter((problem): problem is Problem => problem !== null)
    .sort((a, b) => ORDER[a.category] - ORDER[b.category] || a.label.localeCompare(b.label));
}

// A rule that throws is listed as the Modeler lists it, not dropped: its rules are missing.
function toProblem(rule: string, report: LintReport): Problem | null {
  if (report.category === 'rule-error') {
    return { elementId: '', label: rule, category: 'error', message: `rule ${rule} failed: ${report.message}` };
  }

  return report.id ? { elementId: report.id, label: report.name || report.id, category: report.category, message: report.message } : null;
}
