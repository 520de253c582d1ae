import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { readCatalystTasks } from '../../../runtime/bpmn/read';
import { CatalystError } from '../../../runtime/errors';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string) => readFile(path.join(here, 'fixtures', name), 'utf8');
const shared = (name: string) => readFile(path.join(here, '../../../../shared/bpmn', name), 'utf8');
const example = () => readFile(path.join(here, '../../../resources/examples/catalyst-example.bpmn'), 'utf8');

describe('runtime/bpmn readCatalystTasks', () => {

  it('finds service and send tasks on topic catalyst, in document order', async () => {

    // when
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    // then
    expect(tasks.map(task => [ task.id, task.type, task.processId ])).toEqual([
      [ 'Summarise', 'bpmn:ServiceTask', 'Process_Chain' ],
      [ 'Translate', 'bpmn:SendTask', 'Process_Chain' ]
    ]);
  });


  it('reads every extension property, unknown ones included', async () => {
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(tasks[0].properties).toEqual({
      'catalyst.provider': 'groq',
      'catalyst.responseMapping': '{"summary": "choices[0].message.content"}',
      'team.owner': 'ops'
    });
  });


  it('knows form fields and input parameters before a task', async () => {
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(tasks[0].knownVariables).toEqual([ 'customerName', 'tone' ]);
  });


  it('knows an earlier Catalyst task\'s mapped and standard variables', async () => {
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(tasks[1].knownVariables).toEqual([
      'catalyst_error', 'catalyst_responseBody', 'catalyst_statusCode', 'catalyst_success', 'customerName', 'summary'
    ]);
  });


  it('does not count later tasks\' outputs as known', async () => {
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(tasks[1].knownVariables).not.toContain('invoiceId');
  });


  it('follows boundary events and enters sub-processes to find earlier variables', async () => {

    // given First -(error boundary)-> sub-process Handle { Explain }
    const { tasks } = await readCatalystTasks(await fixture('branches.bpmn'));

    // when
    const explain = tasks.find(task => task.id === 'Explain')!;

    // then
    expect(explain.knownVariables).toEqual(expect.arrayContaining([ 'starter', 'errorCode', 'aiReply', 'catalyst_error' ]));
    expect(tasks.find(task => task.id === 'First')!.knownVariables).toEqual([ 'starter' ]);
  });


  it('lists every variable of the diagram', async () => {
    const { knownVariables } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(knownVariables).toEqual(expect.arrayContaining([ 'customerName', 'tone', 'summary', 'invoiceId', 'aiReply', 'catalyst_success' ]));
  });


  it('warns about catalyst properties on a task no worker will run, and about duplicates', async () => {
    const { warnings } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(warnings.map(warning => [ warning.elementId, warning.code ])).toEqual([
      [ 'Translate', 'bpmn/duplicate-property' ],
      [ 'Other', 'bpmn/not-catalyst-task' ]
    ]);
  });


  it('uses the last of duplicate properties', async () => {
    const { tasks } = await readCatalystTasks(await fixture('chain.bpmn'));

    expect(tasks[1].properties['catalyst.timeout']).toBe('PT9S');
  });


  it('finds no Catalyst tasks in a plain Camunda 7 diagram', async () => {
    const { tasks } = await readCatalystTasks(await shared('loan-granting.bpmn'));

    expect(tasks).toEqual([]);
  });


  it('knows a real diagram\'s initiator variable', async () => {
    const { knownVariables } = await readCatalystTasks(await shared('TwitterDemoProcess.bpmn'));

    expect(knownVariables).toContain('initiator');
  });


  it('knows a real diagram\'s output parameters', async () => {
    const { knownVariables } = await readCatalystTasks(await shared('invokeRestService.bpmn'));

    expect(knownVariables).toContain('isHoliday');
  });


  it('reads the four connectors of the example diagram, each knowing userMessage, and the classify-ticket task', async () => {
    const { tasks, warnings } = await readCatalystTasks(await example());

    expect(tasks.map(task => task.properties['catalyst.provider'])).toEqual([ 'groq', 'together', 'fireworks', 'openai-compatible', 'openai-compatible' ]);
    expect(tasks.slice(0, 4).every(task => task.knownVariables.includes('userMessage'))).toBe(true);
    expect(tasks[4]).toMatchObject({ id: 'Classify_Ticket', knownVariables: [ 'ticketText' ] });
    expect(warnings).toEqual([]);
  });


  it('example diagram: every element has a shape or an edge, so bpmn-js lays it out', async () => {

    // given
    const { BpmnModdle } = await import('bpmn-moddle');
    const { camundaDescriptor } = await import('../../../runtime/bpmn/camunda-descriptor');
    const { rootElement, warnings } = await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(await example());

    // when
    const drawn = new Set(rootElement.get('diagrams')[0].plane.planeElement.map((di: { bpmnElement: { id: string } }) => di.bpmnElement.id));
    const elements = rootElement.get('rootElements').flatMap((root: { $type: string; id: string; participants?: Array<{ id: string }>; flowElements?: Array<{ id: string }> }) =>
      root.$type === 'bpmn:Collaboration' ? (root.participants ?? []).map(each => each.id) : (root.flowElements ?? []).map(each => each.id));

    // then
    expect(warnings).toEqual([]);

    // four connector pools of 12 elements, and the classify-ticket pool of 19
    expect(elements.length).toBe(4 * 12 + 19);
    expect(elements.filter((id: string) => !drawn.has(id))).toEqual([]);
  });


  describe('unreadable input', () => {

    it('names the XML problem with line and column', async () => {

      // given a closing tag that does not match on line 2
      const xml = '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"></bpmn:task></bpmn:definitions>';

      // when
      const attempt = readCatalystTasks(xml);

      // then
      await expect(attempt).rejects.toThrow(CatalystError);
      await expect(attempt).rejects.toThrow(/^not a readable BPMN diagram: closing tag mismatch \(unparsable content <\/bpmn:task> detected\) at line 2, column \d+$/);
    });


    it('says when the document is XML but not BPMN', async () => {
      await expect(readCatalystTasks('<html><body/></html>')).rejects.toThrow(/^not a readable BPMN diagram: unexpected element <html>/);
    });


    it('says when the text is not XML at all', async () => {
      await expect(readCatalystTasks('{"not": "xml"}')).rejects.toThrow(/^not a readable BPMN diagram: /);
    });


    it('quotes only a short, printable excerpt of content that is not XML', async () => {

      // given a long text without a tag, with terminal control bytes in it
      const text = 'abc\u0001\u001b[31mred' + 'x'.repeat(100_000);

      // when
      const attempt = readCatalystTasks(text);

      // then
      await expect(attempt).rejects.toThrow(/^not a readable BPMN diagram: missing start tag \(unparsable content abc \[31mredx{29}… detected\) at line 1, column 1$/);
    });

  });

});
