/**
 * The panel shows the task lint (`lintTask`, the one the command line and the worker run)
 * on the entry each finding concerns: the same messages, not a second set of rules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { readCatalystTasks } from '../../runtime/bpmn/read';
import { lintTask } from '../../runtime/lint/lint-task';
import { usePlayground } from '../support/playground';
import { entry, field, FIXTURES_DIR, openFixture } from './panel-helpers';

const FIXTURE = 'task-lint.bpmn';

describe('client/panel: task lint on its entries', () => {
  const playground = usePlayground();
  let expected: Map<string, string[]>;

  beforeAll(async () => {
    const { tasks } = await readCatalystTasks(readFileSync(path.join(FIXTURES_DIR, FIXTURE), 'utf8'));

    expected = new Map(tasks.map(task => [ task.id, lintTask({ properties: task.properties }).map(finding => finding.message) ]));
  });

  beforeEach(async () => {
    await openFixture(playground, FIXTURE);
  });

  async function findings(entryId: string): Promise<string[]> {
    const items = entry(playground, entryId).getByRole('list', { name: 'Task problems' }).getByRole('listitem');

    return (await items.allInnerTexts()).map(text => text.trim());
  }

  async function select(taskId: string) {
    await playground.selectElement(taskId);
    await expect.poll(() => field(playground, 'Provider').count()).toBe(1);
  }

  it.each([
    [ 'KeyInUrl', 'catalyst-url', 'catalyst.url holds what looks like a real API key' ],
    [ 'NoAuth', 'catalyst-authType', 'Groq needs an API key, but catalyst.authType is none' ],
    [ 'Misspelt', 'catalyst-provider', 'catalyst.timout is not a Catalyst property and is ignored; did you mean catalyst.timeout?' ],
    [ 'Placeholder', 'catalyst-url', 'catalyst.url is still the placeholder' ]
  ])('shows the lint finding of %s on %s, as catalyst lint words it', async (taskId, entryId, text) => {

    // when
    await select(taskId);

    // then
    await expect.poll(() => findings(entryId)).toEqual([ expect.stringContaining(text) ]);
    expect(expected.get(taskId)).toContain((await findings(entryId))[0]);
  });

  it('shows no task problems on a task the lint finds nothing in', async () => {

    // given
    await select('Misspelt');

    // then
    await expect.poll(() => findings('catalyst-provider')).toHaveLength(1);
    expect(await findings('catalyst-url')).toEqual([]);
    expect(await findings('catalyst-authType')).toEqual([]);
  });
});
