import { describe, expect, it } from 'vitest';

import { usePlayground, type Playground } from '../support/playground';

describe('playground host', () => {

  const playground = usePlayground({ diagram: 'catalyst-demo.bpmn' });


  it('should load the plugin bundle before creating the editor', async () => {

    // when
    const registrations = await playground.page.evaluate(() =>
      (window.plugins || []).map(registration => registration.type));

    // then
    expect(registrations).toContain('bpmn.platform.modeler.additionalModules');
  });


  it('should expose the vendor globals camunda-modeler-plugin-helpers reads', async () => {

    // when
    const vendor = await playground.page.evaluate(() => {
      const panel = (window.vendor as any).propertiesPanel;
      return {
        common: typeof panel.common.TextFieldEntry,
        bpmn: typeof panel.bpmn.BpmnPropertiesPanelModule,
        jsx: typeof panel.preact.jsxRuntime.jsx,
        hooks: typeof panel.preact.hooks.useState,
        render: typeof panel.preact.root.render,
        compat: typeof panel.preact.compat.createPortal
      };
    });

    // then
    expect(vendor).toEqual({
      common: 'function', bpmn: 'object', jsx: 'function', hooks: 'function', render: 'function', compat: 'function'
    });
  });


  it('should run the plugin under the Modeler\'s script policy (script-src \'self\': no inline script, no eval)', async () => {

    // when: the page tries an inline script
    const violated = await playground.page.evaluate(() => new Promise<string>(resolve => {
      document.addEventListener('securitypolicyviolation', event => resolve(event.violatedDirective), { once: true });
      setTimeout(() => resolve('no violation'), 2000);

      const script = document.createElement('script');
      script.textContent = 'window.name = "inline script ran"';
      document.head.appendChild(script);
    }));

    // then: refused, and the plugin loaded and works under that policy
    expect(violated).toMatch(/^script-src/);
    expect(playground.pageErrors).toEqual([]);
  });


  it('should render the client extension the plugin registered, under the name it gave', async () => {

    // when
    const extensions = await playground.page.evaluate(() =>
      [ ...document.querySelectorAll<HTMLElement>('[data-client-extension]') ].map(element => element.dataset.clientExtension));

    // then: the Modeler keys and reports client extensions by this name
    expect(extensions).toEqual([ 'CatalystBridgeExtension', 'CatalystTabExtension' ]);
  });


  it('should hand a bridge announcement to the plugin as the Modeler does: the app event catalyst.bridge', async () => {

    // given
    const announcement = { version: 1, url: 'http://127.0.0.1:9/catalyst/v1', token: 'from-the-app-event' };

    // when
    const status = await playground.page.evaluate(payload => {
      window.catalystPlayground.emitAppEvent('catalyst.bridge', payload);
      return window.catalystPlayground.get('catalystBridge').status();
    }, announcement);

    // then
    expect(status).toEqual({ available: true, url: announcement.url });
  });


  it('should open the diagram named in ?diagram=', async () => {

    // when
    const ids = await playground.page.evaluate(() =>
      window.catalystPlayground.get('elementRegistry').getAll().map((element: { id: string }) => element.id));

    // then
    expect(ids).toEqual(expect.arrayContaining([ 'AskGroq', 'StoreAnswer' ]));
  });


  it('should show the properties panel for the selected task', async () => {

    // when
    await playground.selectElement('StoreAnswer');

    // then
    await expect.poll(() => playground.page.locator('.bio-properties-panel-header-label').textContent())
      .toBe('Store answer');
  });


  it('should load the element templates without errors', async () => {

    // when
    const { templateErrors, templates } = await playground.page.evaluate(() => ({
      templateErrors: window.catalystPlayground.templateErrors,
      templates: window.catalystPlayground.templates
    }));

    // then
    expect(templateErrors).toEqual([]);
    expect(templates.map(template => template.name)).toContain('Catalyst - Groq');
  });


  it('should turn a plain service task into a Catalyst task with the Groq template', async () => {

    // given
    const { page } = playground;
    await playground.selectElement('StoreAnswer');

    // when
    await page.locator('.bio-properties-panel').getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('dialog', { name: 'Select a template' }).getByRole('button', { name: /Catalyst - Groq/ }).click();

    // then
    const xml = await playground.getXML();
    const start = xml.indexOf('<bpmn:serviceTask id="StoreAnswer"');
    const task = xml.slice(start, xml.indexOf('</bpmn:serviceTask>', start));
    expect(task).toContain('camunda:modelerTemplate="io.catalyst.connector.groq"');
    expect(task).toContain('camunda:type="external"');
    expect(task).toContain('camunda:topic="catalyst"');
    expect(task).toContain('<camunda:property name="catalyst.secretName" value="groq_api_key" />');
    await expect.poll(() => page.getByLabel('Request URL').inputValue())
      .toBe('https://api.groq.com/openai/v1/chat/completions');
    await playground.screenshot('playground-template-groq');

    // cleanup: the following tests expect the diagram as opened
    await page.evaluate(() => window.catalystPlayground.get('commandStack').undo());
  });


  it('should export the XML with Camunda 7 extension properties', async () => {

    // when
    const xml = await playground.getXML();

    // then
    expect(xml).toContain('camunda:topic="catalyst"');
    expect(xml).toContain('<camunda:property name="catalyst.provider" value="groq" />');
  });


  it('should undo and redo through the toolbar', async () => {

    // given
    const { page } = playground;
    await page.evaluate(() => {
      const element = window.catalystPlayground.get('elementRegistry').get('StoreAnswer');
      window.catalystPlayground.get('modeling').updateLabel(element, 'Keep answer');
    });

    // when
    await page.getByRole('button', { name: 'Undo' }).click();

    // then
    expect(await playground.getXML()).toContain('name="Store answer"');

    // when
    await page.getByRole('button', { name: 'Redo' }).click();

    // then
    expect(await playground.getXML()).toContain('name="Keep answer"');
  });


  it('should download the diagram from Export XML', async () => {

    // given
    const { page } = playground;

    // when
    const [ download ] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export XML' }).click()
    ]);

    // then
    expect(download.suggestedFilename()).toBe('catalyst-demo.bpmn');
  });


  it('should open a file chosen with Open', async () => {

    // given
    const { page } = playground;
    const xml = (await playground.getXML()).replace('name="Ask Groq"', 'name="Ask from file"');

    // when
    await page.locator('input[type="file"]').setInputFiles({
      name: 'from-disk.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml)
    });

    // then
    await expect.poll(() => playground.getXML()).toContain('name="Ask from file"');
    await playground.screenshot('playground-host');
  });


  it('should name the opened file in the Diagram picker and show the whole diagram', async () => {

    // given: a diagram far off the visible area
    const { page } = playground;
    const xml = (await playground.getXML()).replace(/(<dc:Bounds x=")(\d+)(" y=")(\d+)/g,
      (_, before, x, middle, y) => `${ before }${ Number(x) + 3000 }${ middle }${ Number(y) + 2000 }`);

    // when
    await page.locator('input[type="file"]').setInputFiles({
      name: 'far-away.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml)
    });

    // then
    await expect.poll(() => page.getByRole('combobox', { name: 'Diagram' }).evaluate(select => (select as HTMLSelectElement).selectedOptions[0]?.text)).toBe('far-away.bpmn');
    const view = await page.evaluate(() => {
      const canvas = window.catalystPlayground.get('canvas');
      const { inner, x, y, width, height, scale } = canvas.viewbox();

      return { inner, outer: { x, y, width, height }, scale };
    });

    // within two screen pixels: diagram-js rounds the fitted zoom to three decimals, which
    // can leave the outline of the outermost shape a pixel outside
    const onScreen = (units: number) => units * view.scale;
    expect(onScreen(view.outer.x - view.inner.x)).toBeLessThanOrEqual(2);
    expect(onScreen(view.outer.y - view.inner.y)).toBeLessThanOrEqual(2);
    expect(onScreen(view.inner.x + view.inner.width - view.outer.x - view.outer.width)).toBeLessThanOrEqual(2);
    expect(onScreen(view.inner.y + view.inner.height - view.outer.y - view.outer.height)).toBeLessThanOrEqual(2);
  });


  it('should raise no page errors', () => {

    // then: the plugin style is optional until style/catalyst.css exists
    expect(playground.pageErrors.filter(error => !error.includes('catalyst.css'))).toEqual([]);
  });

});


describe('playground host: the panel\'s input debounce from ?debounceInput=', () => {

  /** Types a new name for StoreAnswer in the General group and reads the XML at once, without waiting. */
  async function renameAndExport(playground: Playground): Promise<string> {
    const general = playground.page.locator('[data-group-id="group-general"]');

    await playground.selectElement('StoreAnswer');
    await general.locator('.bio-properties-panel-group-header').click();
    await general.getByLabel('Name', { exact: true }).fill('Keep answer');

    return playground.getXML();
  }

  describe('false', () => {

    const playground = usePlayground({ diagram: 'catalyst-demo.bpmn', debounceInput: false });

    it('should write a typed value as soon as the input is handled', async () => {

      // when
      const xml = await renameAndExport(playground);

      // then
      expect(xml).toContain('name="Keep answer"');
    });
  });

  describe('a delay', () => {

    // far longer than the test: a value that is already written was not debounced
    const playground = usePlayground({ diagram: 'catalyst-demo.bpmn', debounceInput: 60_000 });

    it('should write a typed value only after that pause', async () => {

      // when
      const xml = await renameAndExport(playground);

      // then
      expect(xml).toContain('name="Store answer"');
      expect(xml).not.toContain('name="Keep answer"');
    });
  });
});
