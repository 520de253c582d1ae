/**
 * Browser harness for UI specs: the playground (the built plugin loaded the way Camunda
 * Modeler loads it) in headless Chromium, one per spec file, closed after the file.
 *
 *   const playground = usePlayground({ diagram: 'catalyst-demo.bpmn' });
 *   it('...', async () => { await playground.selectElement('AskGroq'); ... });
 *
 * Helpers: open(diagram), importXML(xml), selectElement(id), getXML(), screenshot(name)
 * into artifacts/, page (playwright-core), server (addDiagram, diagramUrl), pageErrors.
 */
import { afterAll, beforeAll } from 'vitest';

import { launchPlayground, type Playground, type PlaygroundOptions } from './playground-browser';

export { ARTIFACTS_DIR, ROOT_DIR, ensureHostBuilt, ensurePluginBuilt } from './playground-browser';
export type { Playground, PlaygroundOptions } from './playground-browser';

/**
 * Starts a playground and a browser for the spec file (beforeAll) and stops both (afterAll).
 * The returned object is filled in once beforeAll has run.
 */
export function usePlayground(options: PlaygroundOptions = {}): Playground {
  const playground = {} as Playground;

  beforeAll(async () => {
    Object.assign(playground, await launchPlayground(options));
  });

  afterAll(async () => {
    await playground.close?.();
  });

  return playground;
}
