/**
 * `Catalyst – <provider>` in the Modeler's own menus: "Change element" (the replace menu)
 * on a task of a real third-party Camunda 7 diagram, and the append menu. Since Modeler
 * 5.49 these menus are the only way to pick a Catalyst configuration in a Camunda 7 tab.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT_DIR, usePlayground, type Playground } from '../support/playground';
import { catalystGroup, exportedTask, undo, undoSteps } from './panel-helpers';

const TWITTER_DEMO = readFileSync(path.resolve(ROOT_DIR, '../shared/bpmn/TwitterDemoProcess.bpmn'), 'utf8');

/** A user task and a service task (delegate expression) of the third-party diagram. */
const USER_TASK = 'user_task_review_tweet';
const SERVICE_TASK = 'service_task_publish_on_twitter';

async function openReplaceMenu(playground: Playground, id: string) {
  await playground.selectElement(id);
  await playground.page.locator('.djs-context-pad').getByTitle('Change element').click();

  return popup(playground);
}

function popup(playground: Playground) {
  return playground.page.locator('.djs-popup');
}

/** The element with this id, as the diagram has it now: its BPMN type and name. */
function elementState(playground: Playground, id: string) {
  return playground.page.evaluate(elementId => {
    const element = window.catalystPlayground.get('elementRegistry').get(elementId);

    return element && { type: element.type as string, name: element.businessObject.name as string };
  }, id);
}

describe('client/popup-menu: Catalyst in the replace and append menus', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    expect(await playground.importXML(TWITTER_DEMO)).toEqual([]);
  });

  it('turns a user task into a Catalyst Groq task from "Change element"', async () => {

    // given
    const menu = await openReplaceMenu(playground, USER_TASK);

    // when
    await menu.getByRole('option', { name: 'Catalyst – Groq' }).click();

    // then
    await expect.poll(() => elementState(playground, USER_TASK)).toEqual({ type: 'bpmn:ServiceTask', name: 'Review Tweet' });

    const task = await exportedTask(playground, USER_TASK);
    expect(task).toMatchObject({ type: 'external', topic: 'catalyst' });
    expect(task.properties).toMatchObject({ 'catalyst.provider': 'groq', 'catalyst.version': '1' });
    expect(task.properties['catalyst.url']).toContain('groq.com');
    await expect.poll(() => catalystGroup(playground).getByLabel('Provider').inputValue()).toBe('groq');
    await playground.screenshot('replace-menu-catalyst-groq-applied');
  });

  it('restores the user task in one undo step', async () => {

    // given
    const stepsBefore = await undoSteps(playground);
    const menu = await openReplaceMenu(playground, USER_TASK);
    await menu.getByRole('option', { name: 'Catalyst – Groq' }).click();
    await expect.poll(() => elementState(playground, USER_TASK)).toMatchObject({ type: 'bpmn:ServiceTask' });
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);

    // when
    await undo(playground);

    // then
    expect(await elementState(playground, USER_TASK)).toEqual({ type: 'bpmn:UserTask', name: 'Review Tweet' });
    const xml = await playground.getXML();
    expect(xml).toContain('camunda:formKey="embedded:app:forms/reviewTweet.html"');
    expect(xml).not.toContain('catalyst.provider');
  });

  it('finds the entry when the user searches for the provider name', async () => {

    // given
    const menu = await openReplaceMenu(playground, USER_TASK);

    // when
    await menu.getByRole('combobox').pressSequentially('groq');

    // then
    await expect.poll(() => menu.getByRole('option').allInnerTexts()).toEqual([ expect.stringContaining('Catalyst – Groq') ]);
    await playground.screenshot('replace-menu-search-groq');
  });

  it('makes a service task with a delegate expression a Catalyst task, keeping its name and flows', async () => {

    // given
    const menu = await openReplaceMenu(playground, SERVICE_TASK);

    // when
    await menu.getByRole('option', { name: 'Catalyst – Ollama' }).click();

    // then
    await expect.poll(async () => (await exportedTask(playground, SERVICE_TASK)).properties['catalyst.provider']).toBe('ollama');
    expect(await elementState(playground, SERVICE_TASK)).toEqual({ type: 'bpmn:ServiceTask', name: 'Publish on Twitter' });
    expect(await playground.getXML()).not.toContain('#{tweetAdapter}');
  });

  it('says in the entry that the task\'s delegate expression is replaced', async () => {

    // when
    const menu = await openReplaceMenu(playground, SERVICE_TASK);

    // then
    expect(await menu.getByRole('option', { name: /Catalyst – Groq/ }).textContent()).toContain('Replaces its delegate expression #{tweetAdapter}.');
  });

  it('switches a Catalyst task to another provider and does not offer the one it has', async () => {

    // given
    await (await openReplaceMenu(playground, SERVICE_TASK)).getByRole('option', { name: 'Catalyst – Groq' }).click();
    await expect.poll(async () => (await exportedTask(playground, SERVICE_TASK)).properties['catalyst.provider']).toBe('groq');

    // when
    const menu = await openReplaceMenu(playground, SERVICE_TASK);

    // then
    expect(await menu.getByRole('option', { name: 'Catalyst – Groq' }).count()).toBe(0);
    await menu.getByRole('option', { name: 'Catalyst – Together AI' }).click();
    await expect.poll(async () => (await exportedTask(playground, SERVICE_TASK)).properties['catalyst.provider']).toBe('together');
  });

  it('appends a Catalyst task after the selected element in one undo step', async () => {

    // given
    await playground.selectElement(USER_TASK);
    const stepsBefore = await undoSteps(playground);
    const idsBefore = await elementIds(playground);

    // when: the append menu as the Modeler's context pad opens it
    await playground.page.evaluate(elementId => {
      const get = window.catalystPlayground.get;
      const element = get('elementRegistry').get(elementId);

      get('popupMenu').open(element, 'bpmn-append', { x: 100, y: 100 }, { title: 'Append element', search: true });
    }, USER_TASK);
    await popup(playground).getByRole('option', { name: 'Catalyst – Groq' }).click();

    // then
    await expect.poll(async () => (await elementIds(playground)).length).toBeGreaterThan(idsBefore.length);
    const added = (await elementIds(playground)).filter(id => !idsBefore.includes(id));
    const taskId = added.find(id => id.startsWith('Activity_'))!;
    const task = await exportedTask(playground, taskId);
    expect(task).toMatchObject({ type: 'external', topic: 'catalyst' });
    expect(task.properties['catalyst.provider']).toBe('groq');
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);
  });
});

function elementIds(playground: Playground): Promise<string[]> {
  return playground.page.evaluate(() => window.catalystPlayground.get('elementRegistry').getAll().map((element: { id: string }) => element.id));
}
