/**
 * Lint speed on a large payload: 100 KB, 500 placeholders, against JSON.parse of the same
 * payload rendered, measured pairwise interleaved in the same run (bench/_measure.ts), so the
 * ratio says how much dearer lint is than merely parsing the JSON it describes. Target ≤ 5×.
 */

import { lintPayload, renderTemplate } from '../runtime/template';
import { interleaveSync, target, thousands } from './_measure';

const PLACEHOLDERS = 500;
const TARGET_BYTES = 100_000;

/** A chat payload of `PLACEHOLDERS` messages, each with one placeholder, padded to ~100 KB. */
function largePayload(): { template: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const filler = 'Summarise the customer request below, keep the tone friendly and name the order. ';
  const perMessage = Math.ceil(TARGET_BYTES / PLACEHOLDERS);
  const messages: string[] = [];

  for (let index = 0; index < PLACEHOLDERS; index++) {
    const name = `input${index}`;
    variables[name] = `value ${index} with "quotes" and a line\nbreak`;

    const text = filler.repeat(Math.ceil(perMessage / filler.length)).slice(0, perMessage - 45);
    messages.push(`    {"role": "user", "content": "${text} \${${name}}"}`);
  }

  const template = `{\n  "model": "llama-3.3-70b-versatile",\n  "max_tokens": 1024,\n  "messages": [\n${messages.join(',\n')}\n  ]\n}`;

  return { template, variables };
}

const PAIRS = 2_000;
const WARMUP = 50;
const TARGET = 5;

export async function main(): Promise<void> {
  const { template, variables } = largePayload();
  const rendered = renderTemplate(template, variables);
  const knownVariables = Object.keys(variables);

  // call by call, alternating which goes first; the median of the per-pair ratios
  const lint = interleaveSync(() => JSON.parse(rendered), () => lintPayload(template, { knownVariables }), PAIRS, WARMUP);
  const render = interleaveSync(() => JSON.parse(rendered), () => renderTemplate(template, variables), PAIRS / 4, WARMUP);

  console.log(`lint: payload ${(template.length / 1000).toFixed(0)} KB, ${PLACEHOLDERS} placeholders, against JSON.parse of the rendered payload, pairwise interleaved, medians of all pairs`);
  console.log(`  JSON.parse (baseline)  ${lint.baselineMs.toFixed(3)} ms/run`);
  console.log(`  lintPayload            ${lint.subjectMs.toFixed(3)} ms/run  ${lint.ratio.toFixed(1)}×  (${lint.pairs} pairs)`);
  console.log(`  renderTemplate         ${render.subjectMs.toFixed(3)} ms/run  ${render.ratio.toFixed(1)}×  (${render.pairs} pairs)`);

  target({
    bench: 'lint',
    measure: `lintPayload vs JSON.parse, ${(template.length / 1000).toFixed(0)} KB / ${PLACEHOLDERS} placeholders`,
    value: lint.ratio,
    unit: '×',
    kind: 'max',
    limit: TARGET,
    detail: `${lint.subjectMs.toFixed(2)} vs ${lint.baselineMs.toFixed(3)} ms, ${thousands(lint.pairs)} pairs`
  });
}

if (process.argv[1] && /bench[\\/]lint\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
