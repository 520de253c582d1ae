/**
 * Lint speed on a large payload: 100 KB, 500 placeholders (the budget is 5 ms a run).
 * Baseline: JSON.parse of the same payload rendered, measured in the same run, so the
 * ratio says how much dearer lint is than merely parsing the JSON it describes.
 */

import { lintPayload, renderTemplate } from '../runtime/template';

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

const ROUNDS = 7;
const ROUND_MS = 60;

function msPerRun(run: () => void): number {
  let runs = 0;
  const start = performance.now();

  while (performance.now() - start < ROUND_MS) {
    run();
    runs++;
  }

  return (performance.now() - start) / runs;
}

function median(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Measures each subject in interleaved rounds and keeps the medians: the machine is
 * shared, and a burst of someone else's work then spoils one round, not the figures.
 */
function measure(subjects: Record<string, () => void>): Record<string, { ms: number; ratio: number }> {
  const names = Object.keys(subjects);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [ name, [] ]));
  const ratios: Record<string, number[]> = Object.fromEntries(names.map((name) => [ name, [] ]));

  for (const name of names) {
    for (let warm = 0; warm < 20; warm++) {
      subjects[name]();
    }
  }

  for (let round = 0; round < ROUNDS; round++) {
    const roundMs = Object.fromEntries(names.map((name) => [ name, msPerRun(subjects[name]) ]));

    for (const name of names) {
      samples[name].push(roundMs[name]);
      ratios[name].push(roundMs[name] / roundMs[names[0]]);
    }
  }

  return Object.fromEntries(names.map((name) => [ name, { ms: median(samples[name]), ratio: median(ratios[name]) } ]));
}

export async function main(): Promise<void> {
  const { template, variables } = largePayload();
  const rendered = renderTemplate(template, variables);
  const knownVariables = Object.keys(variables);

  const figures = measure({
    'JSON.parse (baseline)': () => JSON.parse(rendered),
    lintPayload: () => lintPayload(template, { knownVariables }),
    renderTemplate: () => renderTemplate(template, variables)
  });

  console.log(`lint: payload ${(template.length / 1000).toFixed(0)} KB, ${PLACEHOLDERS} placeholders, median of ${ROUNDS} interleaved rounds`);

  for (const [ name, { ms, ratio } ] of Object.entries(figures)) {
    console.log(`  ${name.padEnd(22)} ${ms.toFixed(3)} ms/run  ratio ${ratio.toFixed(1)}x`);
  }

  const lintMs = figures.lintPayload.ms;
  console.log(`  lint budget 5 ms/run: ${lintMs < 5 ? 'within' : 'OVER'}`);
}

if (process.argv[1] && /bench[\\/]lint\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
