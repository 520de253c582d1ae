/**
 * How every bench measures, in one place: a subject against a baseline **pairwise
 * interleaved** (one baseline sample and one subject sample back to back, alternating which
 * goes first), and the **median of the per-pair ratios**. On a shared 2-core machine a burst
 * of someone else's work lands on one pair, which the median drops; blocks of runs measured
 * one after the other would let that burst decide the ratio.
 *
 * Each bench states its targets through {@link target}: a line with the figure, the target
 * and MET / NOT MET, and (when `BENCH_RESULTS` names a file, as `npm run bench` sets it) a
 * JSON line there, from which scripts/bench.mjs prints the summary table and writes the
 * README's table.
 */
import { appendFileSync } from 'node:fs';

import { formatLimit, formatValue } from './_format.mjs';
import type { Kind, Unit } from './_format.mjs';

/** Medians of one interleaved comparison; times in milliseconds. */
export interface PairedFigures {
  pairs: number;
  baselineMs: number;
  subjectMs: number;

  /** Median over the pairs of subject / baseline, each pair measured back to back. */
  ratio: number;

  /** Median over the pairs of subject − baseline. */
  addedMs: number;
}

/**
 * Times `baseline` and `subject` in `pairs` back-to-back pairs, alternating which goes first
 * (so neither always runs on the caches or the JIT state the other left), after `warmup`
 * unmeasured runs of each.
 */
export async function interleave(baseline: () => unknown, subject: () => unknown, pairs: number, warmup = 0): Promise<PairedFigures> {
  for (let run = 0; run < warmup; run++) {
    await baseline();
    await subject();
  }

  const baselineMs: number[] = [];
  const subjectMs: number[] = [];

  for (let pair = 0; pair < pairs; pair++) {
    if (pair % 2) {
      subjectMs.push(await timed(subject));
      baselineMs.push(await timed(baseline));
    } else {
      baselineMs.push(await timed(baseline));
      subjectMs.push(await timed(subject));
    }
  }

  return figures(baselineMs, subjectMs);
}

/** {@link interleave} for synchronous work, without an `await` between the two samples. */
export function interleaveSync(baseline: () => unknown, subject: () => unknown, pairs: number, warmup = 0): PairedFigures {
  for (let run = 0; run < warmup; run++) {
    baseline();
    subject();
  }

  const baselineMs: number[] = [];
  const subjectMs: number[] = [];

  for (let pair = 0; pair < pairs; pair++) {
    if (pair % 2) {
      subjectMs.push(timedSync(subject));
      baselineMs.push(timedSync(baseline));
    } else {
      baselineMs.push(timedSync(baseline));
      subjectMs.push(timedSync(subject));
    }
  }

  return figures(baselineMs, subjectMs);
}

/** Medians of per-pair samples measured elsewhere (e.g. inside a browser page). */
export function figures(baselineMs: number[], subjectMs: number[]): PairedFigures {
  return {
    pairs: baselineMs.length,
    baselineMs: median(baselineMs),
    subjectMs: median(subjectMs),
    ratio: median(subjectMs.map((ms, pair) => ms / baselineMs[pair])),
    addedMs: median(subjectMs.map((ms, pair) => ms - baselineMs[pair]))
  };
}

async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();

  await work();

  return performance.now() - start;
}

function timedSync(work: () => unknown): number {
  const start = performance.now();

  work();

  return performance.now() - start;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One target of the issue, as a bench checks it. */
export interface Target {

  /** The bench file's name, e.g. `call`. */
  bench: string;

  /** What is measured, e.g. `executeTask vs raw fetch, sequential`. */
  measure: string;

  /** The figure compared with the target, in `unit`. */
  value: number;
  unit: Unit;

  /** `max`: the value must be at most `limit`; `below`: less than; `min`: at least. */
  kind: Kind;
  limit: number;

  /** The figures behind the value, for the table (e.g. `512 vs 488 µs, 2,100 pairs`). */
  detail: string;
}

/** Whether `value` meets the target. */
export function met({ value, kind, limit }: Pick<Target, 'value' | 'kind' | 'limit'>): boolean {
  return kind === 'max' ? value <= limit : kind === 'below' ? value < limit : value >= limit;
}

/** Prints the target's line (figure, target, MET / NOT MET) and records it for the summary. */
export function target(result: Target): boolean {
  const ok = met(result);

  console.log(`  TARGET ${result.measure}: ${formatValue(result.value, result.unit)} (target ${formatLimit(result)}) ${ok ? 'MET' : 'NOT MET'}  [${result.detail}]`);

  if (process.env.BENCH_RESULTS) {
    appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify({ ...result, met: ok })}\n`);
  }

  return ok;
}

/** `1234.5` → `1,235`. */
export function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds as µs below 1 ms, else ms: `512 µs`, `33.6 ms`. */
export function duration(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
