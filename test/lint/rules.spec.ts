/**
 * The Catalyst bpmnlint rules (lint/) run by bpmnlint's own Linter, as the Modeler's Problems
 * panel and the `bpmnlint` command line run them: every task's `lintTask` findings, each
 * under the rule of its severity, worded as plain text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { Linter, type LintReport } from 'bpmnlint';
import { beforeAll, describe, expect, it } from 'vitest';

import { catalystLintRules, catalystResolver, problemMessage, PLUGIN_PACKAGE } from '../../lint';
import { readCatalystTasks } from '../../runtime/bpmn/read';
import { lintTask } from '../../runtime/lint/lint-task';

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures/catalyst-problems.bpmn'), 'utf8');
const KEY = 'gsk_8f3KdLq0sP2xYvB7nM4tR1wZ';
const CATEGORY = { error: 'error', warning: 'warn', info: 'info' } as const;

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');

interface Row { rule: string; id?: string; name?: string; category: string; message: string }

async function read(xml: string, withCamunda = true): Promise<ModdleElement> {
  return (await new BpmnModdle(withCamunda ? { camunda } : {}).fromXML(xml)).rootElement;
}

async function lint(definitions: ModdleElement): Promise<Row[]> {
  const reports = await new Linter({ config: catalystLintRules.config, resolver: catalystLintRules.resolver }).lint(definitions);

  return Object.entries(reports).flatMap(([ rule, list ]) =>
    list.map(({ id, name, category, message }: LintReport) => ({ rule, id, name, category, message })));
}

describe('lint: Catalyst bpmnlint rules', () => {
  let rows: Row[];

  beforeAll(async () => {
    rows = await lint(await read(FIXTURE));
  });

  it('reports every finding of catalyst lint, with its severity, on its task', async () => {

    // given
    const { tasks } = await readCatalystTasks(FIXTURE);
    const expected = tasks.flatMap(task => lintTask(task).map(finding => ({
      id: task.id,
      category: CATEGORY[finding.severity],
      message: problemMessage(finding)
    })));

    // then
    const taskRows = rows.filter(row => row.id !== 'NotCatalyst').map(({ id, category, message }) => ({ id, category, message }));
    expect(expected.length).toBeGreaterThan(4);
    expect(taskRows).toEqual(expect.arrayContaining(expected));
    expect(taskRows).toHaveLength(expected.length);
  });

  it('puts each severity under its own rule, so .bpmnlintrc can set each', () => {
    expect(new Set(rows.map(row => `${row.rule} ${row.category}`))).toEqual(new Set([
      'catalyst/task-error error', 'catalyst/task-warning warn', 'catalyst/task-info info'
    ]));
  });

  it.each([
    [ 'AskTypo', 'error', 'catalyst.timeout: "60" is not an ISO-8601 duration; write it like PT60S, PT1M30S or PT0.5S' ],
    [ 'AskTypo', 'warn', 'catalyst.payload: variable userMesage is not set anywhere in the diagram; did you mean userMessage?' ],
    [ 'BrokenPayload', 'error', 'catalyst.payload: JSON syntax: expected “,” or “]” after an array item, found “}”; is a comma missing? (line 4, column 1)' ],
    [ 'ViaProxy', 'info', 'catalyst.url points at llm-proxy.example.com, not Groq (api.groq.com); fine for a proxy' ]
  ])('words the finding on %s (%s) as plain text naming the property: %s', (id, category, message) => {
    expect(rows).toContainEqual(expect.objectContaining({ id, category, message }));
  });

  it('shows no rule codes and no markdown backticks in any message', () => {
    for (const { message } of rows) {
      expect(message).not.toMatch(/`|\b(config|template|secret|mapping|schema)\/[a-z-]+/);
    }
  });

  it('names the task, which the Problems panel shows instead of the id, and leaves an unnamed one to its id', () => {
    expect(rows.find(row => row.id === 'AskTypo')?.name).toBe('Ask with a typo');
    expect(rows.find(row => row.id === 'KeyInUrl')?.name).toBeUndefined();
  });

  it('reports a key pasted into the URL without repeating the key', () => {
    const keyRows = rows.filter(row => row.id === 'KeyInUrl' && row.category === 'error');

    expect(keyRows.map(row => row.message)).toEqual([ expect.stringContaining('catalyst.url holds what looks like a real API key') ]);
    expect(JSON.stringify(rows)).not.toContain(KEY);
  });

  it('warns about catalyst.* properties on a task no worker runs', () => {
    expect(rows).toContainEqual(expect.objectContaining({ id: 'NotCatalyst', category: 'warn', message: expect.stringContaining('no worker will run it') }));
  });

  it('reports nothing on a task the lint finds nothing in', () => {
    expect(rows.filter(row => row.id === 'Clean')).toEqual([]);
  });

  it('reports the edited state when the same definitions are linted again after a change', async () => {

    // given
    const definitions = await read(FIXTURE);
    await lint(definitions);
    const timeout = findProperty(definitions, 'AskTypo', 'catalyst.timeout');

    // when
    timeout.set('value', 'PT60S');
    const again = await lint(definitions);

    // then
    expect(again.filter(row => row.id === 'AskTypo' && row.category === 'error')).toEqual([]);
  });

  it('says how to configure bpmnlint when the diagram was read without the Camunda extension, instead of guessing', async () => {

    // when
    const bare = await lint(await read(FIXTURE, false));

    // then
    expect(bare.map(row => row.id).sort()).toEqual([ 'AskTypo', 'BrokenPayload', 'Clean', 'KeyInUrl', 'ViaProxy' ]);
    expect(new Set(bare.map(row => `${row.category}: ${row.message}`))).toEqual(new Set([
      `error: this Catalyst task cannot be checked: bpmnlint read the diagram without the Camunda moddle extension; add "moddleExtensions": { "camunda": "${PLUGIN_PACKAGE}/camunda" } to .bpmnlintrc`
    ]));
  });

  it('resolves only its own rules and configurations, throwing for others as bpmnlint resolvers do', () => {
    expect(catalystResolver.resolveConfig(PLUGIN_PACKAGE, 'recommended').rules).toHaveProperty([ 'catalyst/task-error' ], 'error');
    expect(typeof catalystResolver.resolveRule(PLUGIN_PACKAGE, 'task-warning')).toBe('function');
    expect(() => catalystResolver.resolveRule('bpmnlint', 'label-required')).toThrow('unknown rule');
    expect(() => catalystResolver.resolveRule(PLUGIN_PACKAGE, 'constructor')).toThrow('unknown rule');
    expect(() => catalystResolver.resolveConfig(PLUGIN_PACKAGE, 'all')).toThrow('unknown config');
  });
});

function findProperty(definitions: ModdleElement, taskId: string, name: string): ModdleElement {
  const process = (definitions.get('rootElements') as ModdleElement[]).find(element => element.$type === 'bpmn:Process')!;
  const task = (process.get('flowElements') as ModdleElement[]).find(element => element.id === taskId)!;
  const properties = (task.get('extensionElements').get('values') as ModdleElement[]).find(value => value.$type === 'camunda:Properties')!;

  return (properties.get('values') as ModdleElement[]).find(property => property.get('name') === name)!;
}
