import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import { catalystGroup, entry, exportedTask, openFixture, undo, undoSteps } from './panel-helpers';

describe('client/panel: Catalyst group and the "Make Catalyst task" action', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground);
  });

  it('is not shown on a user task', async () => {

    // when
    await playground.selectElement('Review');

    // then
    await expect.poll(() => playground.page.locator('.bio-properties-panel-group').count()).toBeGreaterThan(0);
    expect(await catalystGroup(playground).count()).toBe(0);
  });

  it('offers only the action on a service task that is not a Catalyst task', async () => {

    // when
    await playground.selectElement('PlainService');

    // then
    const group = catalystGroup(playground);
    await expect.poll(() => group.getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(1);
    expect(await group.getByLabel('Provider').count()).toBe(0);
    expect(await entry(playground, 'catalyst-payload').count()).toBe(0);
    await playground.screenshot('panel-make-catalyst');
  });

  it('offers the action on a send task', async () => {

    // when
    await playground.selectElement('NotifySend');

    // then
    await expect.poll(() => catalystGroup(playground).getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(1);
  });

  it('turns the task into a Catalyst task with the provider defaults, keeping other extension elements', async () => {

    // given
    await playground.selectElement('PlainService');

    // when
    await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();

    // then
    await expect.poll(() => entry(playground, 'catalyst-provider').count()).toBe(1);

    const task = await exportedTask(playground, 'PlainService');
    expect(task).toMatchObject({ type: 'external', topic: 'catalyst', className: undefined });
    expect(task.properties).toMatchObject({
      'catalyst.version': '1',
      'catalyst.provider': 'openai-compatible',
      'catalyst.timeout': 'PT60S',
      'catalyst.retries': '3'
    });
    expect(task.properties['catalyst.payload']).toContain('"model"');
    expect(task.extensionTypes).toEqual([ 'camunda:ExecutionListener', 'camunda:Properties' ]);
    expect(await playground.page.getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(0);
  });

  it('says which implementation it replaces before it does', async () => {

    // when
    await playground.selectElement('PlainService');

    // then
    const hint = catalystGroup(playground).locator('.catalyst-make__replaces');
    await expect.poll(() => hint.textContent()).toContain('Replaces its Java class');
    expect(await hint.locator('code').textContent()).toBe('org.example.StoreResult');
  });

  it('names no replaced implementation on a task that has none', async () => {

    // when
    await playground.selectElement('NotifySend');

    // then
    await expect.poll(() => catalystGroup(playground).getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(1);
    expect(await catalystGroup(playground).locator('.catalyst-make__replaces').count()).toBe(0);
  });

  it('moves the keyboard focus to the Provider, the next choice, instead of dropping it', async () => {

    // given
    await playground.selectElement('PlainService');

    // when
    await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();

    // then
    await expect.poll(() => playground.page.evaluate(() => document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id'))).toBe('catalyst-provider');
  });

  it('is undone in one step', async () => {

    // given
    await playground.selectElement('PlainService');
    const stepsBefore = await undoSteps(playground);
    await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();
    await expect.poll(() => entry(playground, 'catalyst-provider').count()).toBe(1);
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);

    // when
    await undo(playground);

    // then
    const task = await exportedTask(playground, 'PlainService');
    expect(task).toMatchObject({ type: undefined, topic: undefined, className: 'org.example.StoreResult', properties: {} });
    expect(task.extensionTypes).toEqual([ 'camunda:ExecutionListener' ]);
    await expect.poll(() => playground.page.getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(1);
  });

  it('keeps the keyboard focus in the group when the action is undone', async () => {

    // given: the action moved the focus to the provider
    await playground.selectElement('PlainService');
    await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();
    await expect.poll(() => playground.page.evaluate(() => document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id'))).toBe('catalyst-provider');

    // when
    await undo(playground);

    // then
    await expect.poll(() => playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Make Catalyst task');
  });

  it('shows the Catalyst entries, not the action, on a Catalyst task', async () => {

    // when
    await playground.selectElement('Classify');

    // then
    const group = catalystGroup(playground);
    await expect.poll(() => group.getByLabel('Provider').count()).toBe(1);
    expect(await group.getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(0);
  });

  it('stays on a task that carries an element template', async () => {

    // given
    await playground.selectElement('NotifySend');

    // when
    const applied = await playground.page.evaluate(() => {
      const elementTemplates = window.catalystPlayground.get('elementTemplates');
      const element = window.catalystPlayground.get('elementRegistry').get('NotifySend');
      const template = elementTemplates.get('io.catalyst.connector.groq', 1);

      elementTemplates.applyTemplate(element, template);

      return window.catalystPlayground.get('elementRegistry').get('NotifySend').businessObject.get('camunda:modelerTemplate');
    });
    await playground.selectElement('NotifySend');

    // then
    expect(applied).toBe('io.catalyst.connector.groq');
    await expect.poll(() => catalystGroup(playground).getByLabel('Provider').count()).toBe(1);
    expect(await catalystGroup(playground).getByLabel('Provider').inputValue()).toBe('groq');
  });
});
