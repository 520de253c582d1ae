import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

import { ROOT_DIR, usePlayground } from '../support/playground';
import { entry, exportedTask } from './panel-helpers';

/** Real Camunda 7 diagrams shared beside the repository (read there, never copied). */
const SHARED_BPMN = path.resolve(ROOT_DIR, '../shared/bpmn');

const IMPLEMENTATION_ATTRIBUTES = [
  'camunda:type', 'camunda:topic', 'camunda:class', 'camunda:delegateExpression', 'camunda:expression', 'camunda:resultVariable'
];

interface XmlModdle {
  fromXML(xml: string): Promise<{ rootElement: any; elementsById: Record<string, any> }>;
  toXML(element: unknown, options: { format: boolean }): Promise<{ xml: string }>;
}

// bpmn-moddle's bundled types leave out toXML
const moddle = new BpmnModdle({ camunda: camundaDescriptor }) as unknown as XmlModdle;

/**
 * The diagram as XML with the task's implementation put back as it was before and the
 * `catalyst.*` properties taken out (with a container that only held them): what must
 * equal the diagram before the change.
 */
async function withoutCatalystChange(xml: string, before: string, taskId: string): Promise<string> {
  const { rootElement, elementsById } = await moddle.fromXML(xml);
  const { elementsById: beforeById } = await moddle.fromXML(before);
  const task = elementsById[taskId];
  const original = beforeById[taskId];

  for (const attribute of IMPLEMENTATION_ATTRIBUTES) {
    task.set(attribute, original.get(attribute));
  }

  const extensionElements = task.get('extensionElements');

  for (const container of extensionElements.values.filter((value: any) => value.$instanceOf('camunda:Properties'))) {
    container.values = container.values.filter((property: any) => !property.name.startsWith('catalyst.'));
  }

  extensionElements.values = extensionElements.values.filter((value: any) => !value.$instanceOf('camunda:Properties') || value.values.length);

  if (!original.get('extensionElements') && !extensionElements.values.length) {
    task.set('extensionElements', undefined);
  }

  return (await moddle.toXML(rootElement, { format: true })).xml;
}

async function normalized(xml: string): Promise<string> {
  const { rootElement } = await moddle.fromXML(xml);

  return (await moddle.toXML(rootElement, { format: true })).xml;
}

describe('client/panel: round trip of real Camunda 7 diagrams', () => {
  const playground = usePlayground();

  it.each([
    [ 'TwitterDemoProcess.bpmn', 'service_task_publish_on_twitter' ],
    [ 'invokeRestService.bpmn', 'ServiceTask_1' ],
    [ 'loan-granting.bpmn', 'Task_1lvjtd4' ]
  ])('%s: making %s a Catalyst task changes nothing else', async (file, taskId) => {

    // given
    const original = readFileSync(path.join(SHARED_BPMN, file), 'utf8');
    expect(await playground.importXML(original)).toEqual([]);
    const before = await playground.getXML();

    // when
    await playground.selectElement(taskId);
    await playground.page.getByRole('button', { name: 'Make Catalyst task' }).click();
    await expect.poll(() => entry(playground, 'catalyst-provider').count()).toBe(1);
    const after = await playground.getXML();
    await playground.importXML(after);
    const reimported = await playground.getXML();

    // then
    expect(reimported).toBe(after);
    expect((await exportedTask(playground, taskId)).properties['catalyst.provider']).toBe('openai-compatible');
    expect(await withoutCatalystChange(after, before, taskId)).toBe(await normalized(before));
  });
});
