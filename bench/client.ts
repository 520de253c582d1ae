/**
 * The plugin in the renderer:
 *
 *  1. bundle size of client/dist/client.js, minified and gzip (host libraries are aliased
 *     to the Modeler's copies, so they are not in it). Budget: 150 KB gzip. Baseline in the
 *     same run: the playground's host bundle (bpmn-js, properties panel, element templates),
 *     i.e. what the Modeler itself ships for the same editor.
 *  2. panel render time in headless Chromium on a generated diagram with 2,000 service tasks
 *     (every tenth a Catalyst task): performance.now() from `selection.select(task)` until
 *     the panel shows the task with its Catalyst group and the browser has painted. Median of
 *     several runs. Budget: 30 ms. Baseline in the same run: selecting a plain service task
 *     (the stock panel plus the Catalyst group's one "make it a Catalyst task" action).
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT_DIR, ensurePluginBuilt, launchPlayground } from '../test/support/playground-browser';
import { buildHost } from '../playground/build.mjs';

const TASKS = 2_000;
const COLUMNS = 50;
const CATALYST_EVERY = 10;
const RUNS = 21;
const WARM_UP_RUNS = 3;
const SIZE_BUDGET_KB = 150;
const RENDER_BUDGET_MS = 30;

function kb(bytes: number): string {
  return `${ (bytes / 1024).toFixed(1) } KB`;
}

function median(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;');
}

/** `TASKS` service tasks in rows of `COLUMNS`, each row a chain of sequence flows. */
export function generateDiagram(): string {
  const payload = escapeAttribute(JSON.stringify({
    model: 'llama-3.3-70b-versatile',
    messages: [ { role: 'user', content: '${question}' } ]
  }, null, 2));

  const tasks: string[] = [];
  const shapes: string[] = [];

  for (let index = 0; index < TASKS; index++) {
    const id = `Task_${ index }`;
    const column = index % COLUMNS;
    const x = 100 + column * 150;
    const y = 100 + Math.floor(index / COLUMNS) * 120;
    const hasNext = column < COLUMNS - 1 && index < TASKS - 1;
    const catalyst = index % CATALYST_EVERY === 0;

    const flows = [
      column > 0 ? `<bpmn:incoming>Flow_${ index - 1 }</bpmn:incoming>` : '',
      hasNext ? `<bpmn:outgoing>Flow_${ index }</bpmn:outgoing>` : ''
    ].join('');

    tasks.push(catalyst
      ? `<bpmn:serviceTask id="${ id }" name="Ask ${ index }" camunda:type="external" camunda:topic="catalyst"><bpmn:extensionElements><camunda:properties>`
        + `<camunda:property name="catalyst.version" value="1" /><camunda:property name="catalyst.provider" value="groq" />`
        + `<camunda:property name="catalyst.url" value="https://api.groq.com/openai/v1/chat/completions" />`
        + `<camunda:property name="catalyst.secretName" value="groq_api_key" />`
        + `<camunda:property name="catalyst.payload" value="${ payload }" />`
        + `<camunda:property name="catalyst.responseMapping" value="{&quot;answer${ index }&quot;:&quot;choices[0].message.content&quot;}" />`
        + `</camunda:properties></bpmn:extensionElements>${ flows }</bpmn:serviceTask>`
      : `<bpmn:serviceTask id="${ id }" name="Task ${ index }" camunda:class="org.example.Task${ index }">${ flows }</bpmn:serviceTask>`);

    shapes.push(`<bpmndi:BPMNShape id="${ id }_di" bpmnElement="${ id }"><dc:Bounds x="${ x }" y="${ y }" width="100" height="80" /></bpmndi:BPMNShape>`);

    if (hasNext) {
      tasks.push(`<bpmn:sequenceFlow id="Flow_${ index }" sourceRef="${ id }" targetRef="Task_${ index + 1 }" />`);
      shapes.push(`<bpmndi:BPMNEdge id="Flow_${ index }_di" bpmnElement="Flow_${ index }"><di:waypoint x="${ x + 100 }" y="${ y + 40 }" /><di:waypoint x="${ x + 150 }" y="${ y + 40 }" /></bpmndi:BPMNEdge>`);
    }
  }

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Bench" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="Bench" isExecutable="true">${ tasks.join('\n') }</bpmn:process>
<bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Bench">${ shapes.join('\n') }</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

async function measureBundle() {
  await ensurePluginBuilt();

  const bundle = readFileSync(path.join(ROOT_DIR, 'client/dist/client.js'));
  const host = (await buildHost())['host.js'];
  const bundleGzip = gzipSync(bundle, { level: 9 }).length;
  const hostGzip = gzipSync(host, { level: 9 }).length;

  console.log('client bundle (client/dist/client.js, host libraries aliased away):');
  console.log(`  host editor bundle (baseline)  ${ kb(host.length) } minified, ${ kb(hostGzip) } gzip`);
  console.log(`  plugin bundle                  ${ kb(bundle.length) } minified, ${ kb(bundleGzip) } gzip`
    + `  ratio ${ (bundleGzip / hostGzip).toFixed(2) }x  (budget ${ SIZE_BUDGET_KB } KB gzip: ${ bundleGzip / 1024 < SIZE_BUDGET_KB ? 'within' : 'OVER' })`);
}

async function measureRender() {
  const playground = await launchPlayground({ viewport: { width: 1440, height: 900 } });

  try {
    const xml = generateDiagram();
    await playground.importXML(xml);

    /** Milliseconds from select to a painted panel showing `entryId` for each task. */
    const time = (ids: string[], entryId: string) => playground.page.evaluate(async ({ ids, entryId }) => {
      const { get } = window.catalystPlayground;
      const selection = get('selection');
      const registry = get('elementRegistry');
      const panel = document.getElementById('properties')!;

      const afterPaint = () => new Promise<void>(resolve => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }));

      const shown = (name: string) => {
        const label = panel.querySelector('.bio-properties-panel-header-label');
        return label?.textContent === name && panel.querySelector(`[data-entry-id="${ entryId }"]`) !== null;
      };

      const durations: number[] = [];

      for (const id of ids) {
        const element = registry.get(id);
        selection.select(null);
        await afterPaint();

        const start = performance.now();
        selection.select(element);

        await new Promise<void>((resolve, reject) => {
          if (shown(element.businessObject.name)) {
            return resolve();
          }
          const timeout = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`panel never showed ${ entryId } for ${ id }`));
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (shown(element.businessObject.name)) {
              observer.disconnect();
              clearTimeout(timeout);
              resolve();
            }
          });
          observer.observe(panel, { childList: true, subtree: true, characterData: true, attributes: true });
        });
        await afterPaint();

        durations.push(performance.now() - start);
      }

      return durations;
    }, { ids, entryId });

    const pick = (offset: number) => Array.from({ length: RUNS + WARM_UP_RUNS }, (_, run) => `Task_${ (run * 37 * CATALYST_EVERY + offset) % TASKS }`);

    // the first runs of each warm up the panel's components (and the JIT); they are not counted
    const plain = (await time(pick(1), 'catalyst-make')).slice(WARM_UP_RUNS);
    const catalyst = (await time(pick(0), 'catalyst-payload')).slice(WARM_UP_RUNS);

    const plainMs = median(plain);
    const catalystMs = median(catalyst);

    console.log(`panel render on ${ TASKS } tasks (median of ${ RUNS }, selection to painted panel):`);
    console.log(`  plain service task (baseline)  ${ plainMs.toFixed(1) } ms`);
    console.log(`  plain service task runs: ${ plain.map(ms => ms.toFixed(0)).join(' ') } ms`);
    console.log(`  Catalyst task                  ${ catalystMs.toFixed(1) } ms  ratio ${ (catalystMs / plainMs).toFixed(2) }x`
      + `  (budget ${ RENDER_BUDGET_MS } ms: ${ catalystMs < RENDER_BUDGET_MS ? 'within' : 'OVER' })`);
    console.log(`  Catalyst task runs: ${ catalyst.map(ms => ms.toFixed(0)).join(' ') } ms`);
  } finally {
    await playground.close();
  }
}

async function main(): Promise<void> {
  await measureBundle();
  await measureRender();
}

if (process.argv[1] && /bench[\\/]client\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
