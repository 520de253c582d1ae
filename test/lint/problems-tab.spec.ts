/**
 * The playground's Problems tab (playground/host/problems-tab.ts) with the Catalyst plugin
 * loaded as the Modeler loads it: the rules the plugin registers as `lintRules.bpmn` list
 * the tasks' problems, and a click selects the task.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import { seriousAxeViolations } from '../support/axe';
import { usePlayground } from '../support/playground';
import { catalystGroup, typeAndLeave } from '../client/panel-helpers';

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures/catalyst-problems.bpmn'), 'utf8');
const TIMEOUT_PROBLEM = 'catalyst.timeout: "60" is not an ISO-8601 duration';

describe('playground: Problems tab', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await playground.importXML(FIXTURE);
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel!.open('linting'));
  });

  const problems = () => playground.page.getByRole('region', { name: 'Problems' });
  const problem = (text: string) => problems().getByRole('button').filter({ hasText: text });
  const selectedIds = () => playground.page.evaluate(() =>
    window.catalystPlayground.get('selection').get().map((element: { id: string }) => element.id));

  it('lists a Catalyst task\'s problem with its severity and the task\'s name', async () => {

    // then
    await expect.poll(() => problem(TIMEOUT_PROBLEM).count()).toBe(1);
    expect(await problem(TIMEOUT_PROBLEM).innerText()).toMatch(/^Error\s+Ask with a typo\s+catalyst\.timeout/);
  });

  it('lists warnings and hints after the errors, and counts each', async () => {

    // then
    await expect.poll(() => problems().getByRole('status').innerText()).toBe('Errors: 3, warnings: 3, infos: 1');
    const severities = (await problems().getByRole('button').allInnerTexts()).map(text => text.split(/\s/)[0]);
    expect(severities).toEqual([ 'Error', 'Error', 'Error', 'Warning', 'Warning', 'Warning', 'Info' ]);
  });

  it('selects the task when its problem is clicked, and the properties panel shows it', async () => {

    // given
    await expect.poll(() => problem(TIMEOUT_PROBLEM).count()).toBe(1);

    // when
    await problem(TIMEOUT_PROBLEM).click();

    // then
    await expect.poll(selectedIds).toEqual([ 'AskTypo' ]);
    await expect.poll(() => catalystGroup(playground).count()).toBe(1);
  });

  it('drops a problem once it is fixed in the properties panel', async () => {

    // given
    await expect.poll(() => problem(TIMEOUT_PROBLEM).count()).toBe(1);
    await problem(TIMEOUT_PROBLEM).click();

    // when
    await typeAndLeave(playground, 'Timeout', 'PT60S');

    // then
    await expect.poll(() => problem(TIMEOUT_PROBLEM).count()).toBe(0);
    expect(await problem('Ask with a typo').count()).toBeGreaterThan(0);
  });

  it('says so when the diagram has no problems', async () => {

    // when
    await playground.importXML(FIXTURE.replace(/<bpmn:process[\s\S]*<\/bpmn:process>/, '<bpmn:process id="CatalystProblems" isExecutable="true" />')
      .replace(/<bpmndi:BPMNShape[^\n]*\n/g, ''));

    // then
    await expect.poll(() => problems().getByText('No problems found.').isVisible()).toBe(true);
    expect(await problems().getByRole('button').count()).toBe(0);
  });

  it('has no serious accessibility violations', async () => {

    // given
    await expect.poll(() => problem(TIMEOUT_PROBLEM).count()).toBe(1);

    // then
    expect(await seriousAxeViolations(playground.page, '#problems')).toEqual([]);
  });
});
