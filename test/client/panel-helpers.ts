/**
 * Shared steps of the panel specs: open a fixture in the playground, find entries of
 * the Catalyst group, read a task's properties from the exported XML.
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

import type { Playground } from '../support/playground';

export const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');

/** Imports a fixture beside the specs into the running playground. */
export async function openFixture(playground: Playground, name = 'panel-tasks.bpmn'): Promise<void> {
  const warnings = await playground.importXML(readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));

  expect(warnings).toEqual([]);
}

/** The entry of the properties panel with this id (`catalyst-url`, ...). */
export function entry(playground: Playground, id: string) {
  return playground.page.locator(`[data-entry-id="${id}"]`);
}

/** The Catalyst group of the properties panel. */
export function catalystGroup(playground: Playground) {
  return playground.page.locator('[data-group-id="group-Catalyst__Task"]');
}

export async function undo(playground: Playground): Promise<void> {
  await playground.page.evaluate(() => window.catalystPlayground.get('commandStack').undo());
}

/** How many undoable steps the command stack holds (to prove "one step per action"). */
export function undoSteps(playground: Playground): Promise<number> {
  return playground.page.evaluate(() => {
    const commandStack = window.catalystPlayground.get('commandStack');
    const ids = new Set(commandStack._stack.slice(0, commandStack._stackIdx + 1).map((action: { id: number }) => action.id));

    return ids.size;
  });
}

type Moddle = { get(name: string): any; $instanceOf(type: string): boolean; [key: string]: any };

/** Parses BPMN XML with the Camunda 7 extension, as the engine's reader sees it. */
async function parseXml(xml: string): Promise<{ rootElement: Moddle; elementsById: Record<string, Moddle> }> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement, elementsById, warnings } = await moddle.fromXML(xml);

  expect(warnings).toEqual([]);

  return { rootElement: rootElement as Moddle, elementsById: elementsById as Record<string, Moddle> };
}

/** A task as the exported XML has it: attributes, properties and extension element types. */
export async function exportedTask(playground: Playground, taskId: string) {
  const { elementsById } = await parseXml(await playground.getXML());
  const task = elementsById[taskId];
  const values: Moddle[] = task.extensionElements?.values ?? [];
  const properties: Record<string, string> = {};

  for (const container of values.filter(value => value.$instanceOf('camunda:Properties'))) {
    for (const property of container.values ?? []) {
      properties[property.name] = property.value;
    }
  }

  return {
    type: task.get('camunda:type') as string | undefined,
    topic: task.get('camunda:topic') as string | undefined,
    className: task.get('camunda:class') as string | undefined,
    properties,
    extensionTypes: values.map(value => value.$type)
  };
}

/** Waits until the exported XML shows `name` on the task with `value` (writes are debounced). */
export async function expectProperty(playground: Playground, taskId: string, name: string, value: string | undefined) {
  await expect.poll(async () => (await exportedTask(playground, taskId)).properties[name], { timeout: 5000 }).toBe(value);
}

/** A labelled control inside the Catalyst group. */
export function field(playground: Playground, label: string) {
  return catalystGroup(playground).getByLabel(label, { exact: true });
}

/** Types into a text field and leaves it, which commits at once (no debounce wait). */
export async function typeAndLeave(playground: Playground, label: string, value: string): Promise<void> {
  const input = field(playground, label);

  await input.fill(value);
  await input.press('Tab');
}

/** The error message an entry shows, or '' when it shows none. */
export async function entryError(playground: Playground, id: string): Promise<string> {
  const error = entry(playground, id).locator('.bio-properties-panel-error');

  return (await error.count()) ? (await error.innerText()).trim() : '';
}

/**
 * Asserts that nothing reached the XML. Call it once the entry shows its refusal: the
 * panel validates and decides whether to write in the same call (after the debounce, or
 * at once on blur), so by the time the refusal is painted a write would already be there.
 */
export async function expectUnchanged(playground: Playground, taskId: string, name: string, value: string | undefined) {
  expect((await exportedTask(playground, taskId)).properties[name]).toBe(value);
}

/** The payload editor's editable area (CodeMirror's content element, labelled "Payload"). */
export function payloadEditor(playground: Playground) {
  return field(playground, 'Payload');
}

/** Replaces the payload editor's whole text as one paste-like input. */
export async function replacePayload(playground: Playground, text: string): Promise<void> {
  const editor = payloadEditor(playground);

  await editor.click();
  await playground.page.keyboard.press('ControlOrMeta+A');
  await playground.page.keyboard.insertText(text);
}

/** The text the payload editor shows (its lines; CodeMirror renders each as a `.cm-line`). */
export function payloadText(playground: Playground): Promise<string> {
  return payloadEditor(playground).evaluate(content => Array.from(content.querySelectorAll('.cm-line'))
    .map(line => line.textContent)
    .join('\n'));
}
