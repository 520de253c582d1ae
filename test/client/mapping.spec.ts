import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import { entry, entryError, exportedTask, expectUnchanged, field, openFixture, undo } from './panel-helpers';

describe('client/panel: Response mapping and Error mapping', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground);
    await playground.selectElement('Classify');
    await expect.poll(() => field(playground, 'Response mapping').count()).toBe(1);
  });

  async function storedMapping(property: string): Promise<unknown> {
    const text = (await exportedTask(playground, 'Classify')).properties[property];

    return JSON.parse(text);
  }

  async function typeInto(label: string, value: string) {
    await field(playground, label).fill(value);
  }

  describe('Response mapping', () => {

    it('shows one row per mapped variable', async () => {

      // then
      await expect.poll(() => field(playground, 'Variable 1').inputValue()).toBe('category');
      await expect.poll(() => field(playground, 'Path 1').inputValue()).toBe('choices[0].message.content');
      await expect.poll(() => field(playground, 'Variable 2').count()).toBe(0);
    });

    it('writes an added row as a JSON object', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add variable' }).click();
      await typeInto('Variable 2', 'tokens');
      await typeInto('Path 2', 'usage.total_tokens');

      // then
      await expect.poll(() => storedMapping('catalyst.responseMapping')).toEqual({
        category: 'choices[0].message.content',
        tokens: 'usage.total_tokens'
      });
    });

    it('writes the list without a removed row', async () => {

      // when
      await entry(playground, 'catalyst-responseMapping').getByRole('button', { name: 'Remove response mapping row 1' }).click();

      // then
      await expect.poll(() => storedMapping('catalyst.responseMapping')).toEqual({});
    });

    it('shows the previous rows after undo', async () => {

      // given
      await typeInto('Path 1', 'choices[0].message.reasoning');
      await expect.poll(() => storedMapping('catalyst.responseMapping')).toEqual({ category: 'choices[0].message.reasoning' });

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Path 1').inputValue()).toBe('choices[0].message.content');
    });

    it('refuses a path that does not parse', async () => {

      // when
      await typeInto('Path 1', 'choices[0.message');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-responseMapping')).toContain('category');
      await expectUnchanged(playground, 'Classify', 'catalyst.responseMapping', '{"category":"choices[0].message.content"}');
    });

    it('refuses a standard variable as target', async () => {

      // when
      await typeInto('Variable 1', 'catalyst_success');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-responseMapping')).toContain('standard variable');
      await expectUnchanged(playground, 'Classify', 'catalyst.responseMapping', '{"category":"choices[0].message.content"}');
    });

    it('refuses a variable mapped twice', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add variable' }).click();
      await typeInto('Variable 2', 'category');
      await typeInto('Path 2', 'model');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-responseMapping')).toContain('Row 2: category is already mapped above');
      await playground.screenshot('panel-invalid-mapping');
      await expectUnchanged(playground, 'Classify', 'catalyst.responseMapping', '{"category":"choices[0].message.content"}');
    });
  });

  describe('Error mapping', () => {

    it('shows one row per status', async () => {

      // then
      await expect.poll(() => field(playground, 'Status 1').inputValue()).toBe('429');
      await expect.poll(() => field(playground, 'BPMN error code 1').inputValue()).toBe('RATE_LIMITED');
    });

    it('keeps the statuses in the order the task has them', async () => {

      // given
      const xml = (await playground.getXML()).replace(
        'value="{&#34;429&#34;:&#34;RATE_LIMITED&#34;}"',
        'value="{&#34;429&#34;:&#34;RATE_LIMITED&#34;,&#34;401&#34;:&#34;AUTH_FAILED&#34;}"'
      );
      await playground.importXML(xml);

      // when
      await playground.selectElement('Classify');

      // then
      await expect.poll(() => field(playground, 'Status 2').count()).toBe(1);
      await expect.poll(() => field(playground, 'Status 1').inputValue()).toBe('429');
      await expect.poll(() => field(playground, 'Status 2').inputValue()).toBe('401');
    });

    it('writes an added status', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add status' }).click();
      await typeInto('Status 2', '503');
      await typeInto('BPMN error code 2', 'PROVIDER_DOWN');

      // then
      await expect.poll(() => storedMapping('catalyst.errorMapping')).toEqual({ 429: 'RATE_LIMITED', 503: 'PROVIDER_DOWN' });
    });

    it('shows the previous code after undo', async () => {

      // given
      await typeInto('BPMN error code 1', 'TOO_MANY_REQUESTS');
      await expect.poll(() => storedMapping('catalyst.errorMapping')).toEqual({ 429: 'TOO_MANY_REQUESTS' });

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'BPMN error code 1').inputValue()).toBe('RATE_LIMITED');
    });

    it('refuses a status that is not an HTTP error', async () => {

      // when
      await typeInto('Status 1', '200');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-errorMapping')).toContain('not an HTTP error status');
      await expectUnchanged(playground, 'Classify', 'catalyst.errorMapping', '{"429":"RATE_LIMITED"}');
    });

    it('refuses an error code with spaces', async () => {

      // when
      await typeInto('BPMN error code 1', 'RATE LIMITED');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-errorMapping')).toContain('must not contain spaces');
      await expectUnchanged(playground, 'Classify', 'catalyst.errorMapping', '{"429":"RATE_LIMITED"}');
    });
  });

  describe('rows', () => {

    function isInvalid(label: string): Promise<string | null> {
      return field(playground, label).getAttribute('aria-invalid');
    }

    it('puts the focus into the row "+ Add" made, so typing fills it', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add variable' }).click();
      await playground.page.keyboard.type('tokens');
      await playground.page.keyboard.press('Tab');
      await playground.page.keyboard.type('usage.total_tokens');

      // then
      await expect.poll(() => storedMapping('catalyst.responseMapping')).toEqual({
        category: 'choices[0].message.content',
        tokens: 'usage.total_tokens'
      });
    });

    it('keeps the keyboard in the list when a row is removed', async () => {

      // given two rows
      await playground.page.getByRole('button', { name: '+ Add variable' }).click();
      await typeInto('Variable 2', 'tokens');
      await typeInto('Path 2', 'usage.total_tokens');
      const focused = () => playground.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

      // when removing the first with the keyboard
      await entry(playground, 'catalyst-responseMapping').getByRole('button', { name: 'Remove response mapping row 1' }).focus();
      await playground.page.keyboard.press('Enter');

      // then the remove button of the row now in its place has the focus
      await expect.poll(focused).toBe('Remove response mapping row 1');
      expect(await field(playground, 'Variable 1').inputValue()).toBe('tokens');

      // when removing the last one
      await playground.page.keyboard.press('Enter');

      // then
      await expect.poll(focused).toBe('+ Add variable');
      await expect.poll(() => storedMapping('catalyst.responseMapping')).toEqual({});
    });

    it('marks only the row an error is about', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add variable' }).click();
      await typeInto('Variable 2', 'tokens');
      await typeInto('Path 2', 'usage..total_tokens');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-responseMapping')).toContain('usage..total_tokens');
      expect(await isInvalid('Variable 2')).toBe('true');
      expect(await isInvalid('Path 2')).toBe('true');
      expect(await isInvalid('Variable 1')).toBeNull();
      expect(await isInvalid('Path 1')).toBeNull();
    });

    it('reports a half-filled row once', async () => {

      // when
      await playground.page.getByRole('button', { name: '+ Add status' }).click();
      await typeInto('Status 2', '503');

      // then
      const messages = entry(playground, 'catalyst-errorMapping').locator('.bio-properties-panel-error > div');
      await expect.poll(() => messages.allInnerTexts()).toEqual([ 'Row 2: the BPMN error code is empty.' ]);
      expect(await isInvalid('Status 2')).toBe('true');
      expect(await isInvalid('Status 1')).toBeNull();
    });

    it('does not carry unwritten rows over to the next selected task', async () => {

      // given two Catalyst tasks with the same (default) error mapping
      for (const id of [ 'PlainService', 'NotifySend' ]) {
        await playground.selectElement(id);
        await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();
        await expect.poll(() => field(playground, 'Status 1').count()).toBe(1);
      }

      const defaults = (await exportedTask(playground, 'PlainService')).properties['catalyst.errorMapping'];
      const rows = await playground.page.getByLabel(/^Status \d+$/).count();
      await playground.page.getByRole('button', { name: '+ Add status' }).click();
      await typeInto(`Status ${rows + 1}`, '99');
      await typeInto(`BPMN error code ${rows + 1}`, 'TOO_LOW');
      await expect.poll(() => entryError(playground, 'catalyst-errorMapping')).toContain('not an HTTP error status');

      // when
      await playground.selectElement('PlainService');

      // then
      await expect.poll(() => playground.page.getByLabel(/^Status \d+$/).count()).toBe(rows);
      expect(await entryError(playground, 'catalyst-errorMapping')).toBe('');
      await expectUnchanged(playground, 'PlainService', 'catalyst.errorMapping', defaults);
      expect((await exportedTask(playground, 'NotifySend')).properties['catalyst.errorMapping']).toBe(defaults);
    });
  });
});
