/**
 * Round trip through the playground (the plugin loaded as the Modeler loads it): the real
 * Camunda 7 diagrams in ../shared/bpmn are imported, one service task becomes a Catalyst
 * task through the plugin's `catalystTasks` service, the diagram is exported and imported
 * again. Everything outside the Catalyst changes must come back unchanged; see
 * canonical-xml.ts for what "unchanged" ignores (prefixes, attribute order, indentation).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { newTaskProperties } from '../../runtime/config';
import { ROOT_DIR, usePlayground } from '../support/playground';
import { canonicalize, findById, toLines, withoutElement, type CanonicalElement } from './canonical-xml';

const SHARED_BPMN = path.resolve(ROOT_DIR, '../shared/bpmn');
const CAMUNDA = '{http://camunda.org/schema/1.0/bpmn}';
const BPMN = '{http://www.omg.org/spec/BPMN/20100524/MODEL}';

/** One service task per diagram: a delegate expression, an http-connector, an external task. */
const DIAGRAMS = [
  { file: 'TwitterDemoProcess.bpmn', taskId: 'service_task_publish_on_twitter' },
  { file: 'invokeRestService.bpmn', taskId: 'ServiceTask_1' },
  { file: 'loan-granting.bpmn', taskId: 'Task_1lvjtd4' }
];

/** What turning a task into a Catalyst task may change: its implementation attributes. */
const IMPLEMENTATION_ATTRIBUTES = [ 'type', 'topic', 'class', 'delegateExpression', 'expression', 'resultVariable' ]
  .map(name => `${ CAMUNDA }${ name }`);

/** The task without its implementation attributes and `catalyst.*` properties. */
function withoutCatalyst(element: CanonicalElement): CanonicalElement {
  const children = element.children
    .map(child => (typeof child === 'string' ? child : withoutCatalyst(child)))
    .filter(child => typeof child === 'string' || !isCatalystProperty(child))
    .filter(child => typeof child === 'string' || !isEmptyContainer(child));

  return {
    ...element,
    attributes: element.attributes.filter(([ name ]) => !IMPLEMENTATION_ATTRIBUTES.includes(name)),
    children
  };
}

function isCatalystProperty(element: CanonicalElement) {
  return element.name === `${ CAMUNDA }property`
    && element.attributes.some(([ name, value ]) => name === '{}name' && value.startsWith('catalyst.'));
}

function isEmptyContainer(element: CanonicalElement) {
  return [ `${ CAMUNDA }properties`, `${ BPMN }extensionElements` ].includes(element.name)
    && element.children.length === 0 && element.attributes.length === 0;
}

function catalystProperties(task: CanonicalElement): Record<string, string> {
  const properties: Record<string, string> = {};

  const visit = (element: CanonicalElement) => {
    if (isCatalystProperty(element)) {
      const attribute = (name: string) => element.attributes.find(([ key ]) => key === `{}${ name }`)?.[1] ?? '';
      properties[attribute('name')] = attribute('value');
    }
    element.children.forEach(child => typeof child !== 'string' && visit(child));
  };

  visit(task);
  return properties;
}

describe('round trip of real Camunda 7 diagrams', () => {

  const playground = usePlayground();

  describe.each(DIAGRAMS)('$file', ({ file, taskId }) => {

    const original = readFileSync(path.join(SHARED_BPMN, file), 'utf8');
    let importWarnings: string[];
    let exported: string;
    let reExported: string;
    let before: CanonicalElement;
    let after: CanonicalElement;

    beforeAll(async () => {
      importWarnings = await playground.importXML(original);

      await playground.page.evaluate(id => {
        const { get } = window.catalystPlayground;
        get('catalystTasks').makeCatalystTask(get('elementRegistry').get(id), 'groq');
      }, taskId);

      exported = await playground.getXML();
      await playground.importXML(exported);
      reExported = await playground.getXML();

      before = await canonicalize(playground.page, original);
      after = await canonicalize(playground.page, reExported);
    });


    it('should import without warnings', () => {

      // then
      expect(importWarnings).toEqual([]);
    });


    it('should keep everything outside the changed task', () => {

      // then
      expect(toLines(withoutElement(after, taskId))).toEqual(toLines(withoutElement(before, taskId)));
    });


    it('should keep the task\'s own content besides its implementation', () => {

      // then
      expect(toLines(withoutCatalyst(findById(after, taskId)!))).toEqual(toLines(withoutCatalyst(findById(before, taskId)!)));
    });


    it('should make the task a Catalyst task of the contract', () => {

      // when
      const task = findById(after, taskId)!;
      const attribute = (name: string) => task.attributes.find(([ key ]) => key === `${ CAMUNDA }${ name }`)?.[1];

      // then
      expect([ attribute('type'), attribute('topic') ]).toEqual([ 'external', 'catalyst' ]);
      expect(catalystProperties(task)).toEqual(newTaskProperties('groq'));
    });


    it('should export the same bytes after re-import', () => {

      // then
      expect(reExported).toBe(exported);
    });

  });


  it('should notice a change outside the task (the comparison can fail)', async () => {

    // given
    const original = readFileSync(path.join(SHARED_BPMN, 'loan-granting.bpmn'), 'utf8');
    await playground.importXML(original);

    // when
    await playground.page.evaluate(() => {
      const { get } = window.catalystPlayground;
      const registry = get('elementRegistry');
      get('catalystTasks').makeCatalystTask(registry.get('Task_1lvjtd4'), 'groq');
      get('modeling').updateLabel(registry.get('Task_0v4gadf'), 'Grant the loan');
    });
    const changed = await canonicalize(playground.page, await playground.getXML());
    const before = await canonicalize(playground.page, original);

    // then
    expect(toLines(withoutElement(changed, 'Task_1lvjtd4'))).not.toEqual(toLines(withoutElement(before, 'Task_1lvjtd4')));
  });

});
