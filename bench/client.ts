/**
 * The plugin in the renderer:
 *
 *  1. bundle size of client/dist/client.js, minified and gzip (host libraries are aliased
 *     to the Modeler's copies, so they are not in it), with what is in it by package or
 *     source folder (from the source map), and the chunks loaded later when first needed
 *     (the payload editor with CodeMirror). Target < 110 KB gzip for client.js. For scale: the playground's
 *     host bundle (bpmn-js, properties panel, element templates), what the Modeler ships.
 *  2. panel render time in headless Chromium on a generated diagram with 2,000 service tasks
 *     (every tenth a Catalyst task): performance.now() from `selection.select(task)` until
 *     the panel shows the task with its Catalyst group and the browser has painted. Pairwise
 *     interleaved: a plain service task (the stock panel plus the Catalyst group's one "make
 *     it a Catalyst task" action) and a Catalyst task, alternating which goes first; the
 *     median of the per-pair ratios. Target ≤ 1.2×. For information, the same selections
 *     with a frame already due (the page busy past the next frame first), which shows the
 *     work alone instead of the wait for the display's next frame.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { ROOT_DIR, ensurePluginBuilt, launchPlayground } from '../test/support/playground-browser';
import { buildHost } from '../playground/build.mjs';
import { figures, target } from './_measure';

const TASKS = 2_000;
const COLUMNS = 50;
const CATALYST_EVERY = 10;
const PAIRS = 41;
const WARM_UP_PAIRS = 3;
const SIZE_TARGET_KB = 110;
const RENDER_TARGET = 1.2;

// longer than a frame at 60 Hz: a frame is due when the page is free again
const FRAME_DUE_BUSY_MS = 20;
const TOP_MODULES = 15;

function kb(bytes: number): string {
  return `${ (bytes / 1024).toFixed(1) } KB`;
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
        + '<camunda:property name="catalyst.version" value="1" /><camunda:property name="catalyst.provider" value="groq" />'
        + '<camunda:property name="catalyst.url" value="https://api.groq.com/openai/v1/chat/completions" />'
        + '<camunda:property name="catalyst.secretName" value="groq_api_key" />'
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

  // chunks the plugin loads later, when first needed (client/editor/load.ts)
  const lazy = readdirSync(path.join(ROOT_DIR, 'client/dist'))
    .filter(name => name.endsWith('.js') && name !== 'client.js')
    .map(name => {
      const code = readFileSync(path.join(ROOT_DIR, 'client/dist', name));

      return { name, code, gzip: gzipSync(code, { level: 9 }).length };
    });

  console.log('client bundle (client/dist, host libraries aliased away):');
  console.log(`  host editor bundle, for scale  ${ kb(host.length) } minified, ${ kb(hostGzip) } gzip`);
  console.log(`  client.js, loaded with the plugin  ${ kb(bundle.length) } minified, ${ kb(bundleGzip) } gzip`);

  for (const chunk of lazy) {
    console.log(`  ${ chunk.name }, loaded when first needed  ${ kb(chunk.code.length) } minified, ${ kb(chunk.gzip) } gzip`);
  }

  for (const file of [ { name: 'client.js', code: bundle }, ...lazy ]) {
    const map = JSON.parse(readFileSync(path.join(ROOT_DIR, 'client/dist', `${ file.name }.map`), 'utf8')) as SourceMap;
    const parts = bundleParts(file.code.toString('utf8'), map);

    console.log(`  what is in ${ file.name } (from its source map; gzip of each part alone, so they add up to more than the whole), top ${ TOP_MODULES }:`);

    for (const part of parts.slice(0, TOP_MODULES)) {
      console.log(`    ${ part.name.padEnd(44) } ${ kb(part.bytes).padStart(9) } minified ${ kb(part.gzip).padStart(8) } gzip`);
    }
  }

  target({
    bench: 'client',
    measure: 'plugin bundle (client.js) gzip, host libraries aliased',
    value: bundleGzip / 1024,
    unit: 'KB',
    kind: 'below',
    limit: SIZE_TARGET_KB,
    detail: `${ kb(bundle.length) } minified; loaded when first needed: ${ lazy.map(chunk => `${ chunk.name } ${ kb(chunk.gzip) } gzip`).join(', ') || 'nothing' }`
  });
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The bundle's generated text attributed to packages (node_modules/<package>) and source
 * folders (client/panel, runtime/template, …) through the source map's mappings: each
 * mapped segment runs to the next one. Largest first, with each part's own gzip size.
 */
function bundleParts(code: string, map: SourceMap): Array<{ name: string; bytes: number; gzip: number }> {
  const lines = code.split('\n');
  const pieces = new Map<string, string[]>();
  let source = 0;

  map.mappings.split(';').forEach((segments, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    let current: { column: number; source: number } | null = null;

    for (const segment of segments ? segments.split(',') : []) {
      const fields = decodeVlq(segment);
      column += fields[0];

      if (current) {
        add(pieces, partName(map.sources[current.source]), line.slice(current.column, column));
      }

      if (fields.length > 1) {
        source += fields[1];
        current = { column, source };
      } else {
        current = null;
      }
    }

    if (current) {
      add(pieces, partName(map.sources[current.source]), line.slice(current.column));
    }
  });

  return [ ...pieces ].map(([ name, texts ]) => {
    const text = texts.join('');

    return { name, bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
  }).sort((a, b) => b.gzip - a.gzip);
}

function add(pieces: Map<string, string[]>, name: string, text: string): void {
  const list = pieces.get(name) ?? [];
  list.push(text);
  pieces.set(name, list);
}

/** `webpack://x/./node_modules/@codemirror/view/dist/index.js` → `@codemirror/view`; `./client/panel/x.ts` → `client/panel`. */
function partName(source: string): string {
  const file = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);

  if (packageMatch) {
    return packageMatch[1];
  }

  return file.split('/').slice(0, file.startsWith('resources') ? 1 : 2).join('/');
}

/** The fields of one source-map segment (base64 VLQ). */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;

  for (const character of segment) {
    const digit = BASE64.indexOf(character);
    value += (digit % 32) * 2 ** shift;

    // the sixth bit continues the value; the lowest bit of the value is its sign
    if (digit >= 32) {
      shift += 5;
    } else {
      const magnitude = Math.floor(value / 2);

      values.push(value % 2 ? -magnitude : magnitude);
      value = 0;
      shift = 0;
    }
  }

  return values;
}

async function measureRender() {
  const playground = await launchPlayground({ viewport: { width: 1440, height: 900 } });

  try {
    const xml = generateDiagram();
    await playground.importXML(xml);

    /**
     * Milliseconds from select to a painted panel showing `entryId` for each task. With
     * `frameDue`, the page is kept busy for more than a frame before each selection, so a
     * frame is already due when it happens: the browser paints as soon as the work allows,
     * and the figure is the work alone rather than the wait for the display's next frame.
     */
    const time = (order: Array<{ id: string; entryId: string }>, frameDue: boolean) => playground.page.evaluate(async ({ order, busyMs }) => {
      const { get } = window.catalystPlayground;
      const selection = get('selection');
      const registry = get('elementRegistry');
      const panel = document.getElementById('properties')!;

      const afterPaint = () => new Promise<void>(resolve => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }));

      const shown = (name: string, entryId: string) => {
        const label = panel.querySelector('.bio-properties-panel-header-label');
        return label?.textContent === name && panel.querySelector(`[data-entry-id="${ entryId }"]`) !== null;
      };

      const durations: Array<{ painted: number; inDom: number }> = [];

      for (const { id, entryId } of order) {
        const element = registry.get(id);
        selection.select(null);
        await afterPaint();

        if (busyMs) {

          // what the empty selection left to do (its panel's effects) runs before, not inside
          await new Promise(resolve => setTimeout(resolve, 30));
          await afterPaint();

          const busyUntil = performance.now() + busyMs;

          while (performance.now() < busyUntil) {

            // the main thread busy past the next frame: that frame is now due
          }
        }

        const start = performance.now();
        selection.select(element);

        await new Promise<void>((resolve, reject) => {
          if (shown(element.businessObject.name, entryId)) {
            return resolve();
          }
          const timeout = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`panel never showed ${ entryId } for ${ id }`));
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (shown(element.businessObject.name, entryId)) {
              observer.disconnect();
              clearTimeout(timeout);
              resolve();
            }
          });
          observer.observe(panel, { childList: true, subtree: true, characterData: true, attributes: true });
        });
        const inDom = performance.now() - start;

        await afterPaint();

        durations.push({ painted: performance.now() - start, inDom });
      }

      return durations;
    }, { order, busyMs: frameDue ? FRAME_DUE_BUSY_MS : 0 });

    // pair by pair, alternating which goes first; the first pairs warm up the panel's
    // components (and the JIT) and are not counted
    const plainIds = Array.from({ length: PAIRS + WARM_UP_PAIRS }, (_, pair) => `Task_${ (pair * 37 * CATALYST_EVERY + 1) % TASKS }`);
    const catalystIds = Array.from({ length: PAIRS + WARM_UP_PAIRS }, (_, pair) => `Task_${ (pair * 37 * CATALYST_EVERY) % TASKS }`);
    const order = plainIds.flatMap((plainId, pair) => {
      const plain = { id: plainId, entryId: 'catalyst-make' };
      const catalyst = { id: catalystIds[pair], entryId: 'catalyst-payload' };

      return pair % 2 ? [ catalyst, plain ] : [ plain, catalyst ];
    });
    const durations = await time(order, false);
    const dueDurations = await time(order, true);

    // plain against Catalyst, pair by pair, without the warm-up pairs
    const paired = (samples: number[]) => {
      const of = (entryId: string) => samples.filter((_, index) => order[index].entryId === entryId).slice(WARM_UP_PAIRS);

      return figures(of('catalyst-make'), of('catalyst-payload'));
    };

    const render = paired(durations.map(each => each.painted));
    const script = paired(durations.map(each => each.inDom));
    const work = paired(dueDurations.map(each => each.painted));

    console.log(`panel render on ${ TASKS } tasks, selection to painted panel, ${ render.pairs } pairs interleaved (medians):`);
    console.log(`  plain service task (baseline)  ${ render.baselineMs.toFixed(1) } ms`);
    console.log(`  Catalyst task                  ${ render.subjectMs.toFixed(1) } ms  ratio ${ render.ratio.toFixed(2) }×`);

    // a panel whose script work ends before the next frame shows in that frame either way:
    // the painted figure moves in steps of a frame, this one shows the work behind it
    console.log('  for information, selection to the entry in the DOM (script work, before paint):');
    console.log(`    plain ${ script.baselineMs.toFixed(1) } ms, Catalyst ${ script.subjectMs.toFixed(1) } ms, ratio ${ script.ratio.toFixed(2) }×`);

    // what the figure above is without the wait for the display: the whole work up to the
    // paint (script, style, layout, paint), which decides how often the next frame is missed
    console.log('  for information, selection to painted panel with a frame already due (the work alone, no wait for the next frame):');
    console.log(`    plain ${ work.baselineMs.toFixed(1) } ms, Catalyst ${ work.subjectMs.toFixed(1) } ms, ratio ${ work.ratio.toFixed(2) }×`);

    target({
      bench: 'client',
      measure: `panel render on select, Catalyst vs plain service task, ${ TASKS.toLocaleString('en-US') }-task diagram`,
      value: render.ratio,
      unit: '×',
      kind: 'max',
      limit: RENDER_TARGET,
      detail: `${ render.subjectMs.toFixed(1) } vs ${ render.baselineMs.toFixed(1) } ms, ${ render.pairs } pairs`
    });
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
