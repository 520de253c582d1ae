/**
 * axe-core run inside a playwright page, so specs can say "no serious accessibility
 * violations here" about what a user actually sees (the panel, the Catalyst tab, a dialog).
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One violation as axe reports it, trimmed to what a failing spec should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the elements matching `selector` and returns
 * the violations whose impact is serious or critical.
 */
export async function seriousAxeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');

  if (!loaded) {

    // Evaluated rather than added as a script tag: the playground's CSP refuses inline scripts.
    await page.evaluate(AXE_SOURCE);
  }

  return page.evaluate(async (contextSelector) => {
    const axe = (window as unknown as { axe: { run(context: string, options: object): Promise<{ violations: unknown }> } }).axe;
    const result = await axe.run(contextSelector, {
      runOnly: { type: 'tag', values: [ 'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa' ] }
    });

    return (result.violations as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>)
      .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
      .map(violation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map(node => node.target.join(' '))
      }));
  }, selector);
}
