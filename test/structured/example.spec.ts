/**
 * The example diagram's "Classify ticket" task, run as the worker would (`catalyst call`)
 * against the fault server in place of the local model: a valid answer gives typed variables
 * for the gateway; an answer breaking the schema ends in the BPMN error the diagram's
 * boundary event catches.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readCatalystTasks } from '../../runtime/bpmn/read';
import { runCli, root } from '../cli/capture';
import { completion, json, startFaultServer, type FaultServer } from '../support/fault-server';

describe('example diagram: Classify ticket', () => {
  let llm: FaultServer;
  let dir: string;
  let xml: string;

  beforeAll(async () => {
    llm = await startFaultServer();
    dir = await mkdtemp(path.join(tmpdir(), 'catalyst-example-'));
    xml = await readFile(path.join(root, 'resources/examples/catalyst-example.bpmn'), 'utf8');
    await writeFile(path.join(dir, 'example.bpmn'), xml.replaceAll('http://localhost:11434', `${llm.origin}`));
  });

  afterAll(async () => {
    await llm.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const call = async () => JSON.parse((await runCli([ 'call', 'example.bpmn', '--task', 'Classify_Ticket', '--var', 'ticketText=I was charged twice', '--json' ], { cwd: dir })).stdout);

  it('completes with the fields the gateway routes on', async () => {

    // given
    llm.route('/v1/chat/completions', json(200, completion('{"category": "billing", "priority": "high", "summary": "Charged twice."}')));

    // when
    const printed = await call();

    // then
    expect(printed.outcome).toBe('complete');
    expect(printed.variables).toMatchObject({ category: 'billing', priority: 'high', summary: 'Charged twice.' });
  });

  it('throws the error code the boundary event catches for an answer that breaks the schema', async () => {

    // given
    llm.route('/v1/chat/completions', json(200, completion('{"category": "refund", "priority": "high"}')));
    const { tasks } = await readCatalystTasks(xml);
    const boundaryCode = /<bpmn:error id="Error_InvalidResponse"[^>]*errorCode="([^"]+)"/.exec(xml)?.[1];

    // when
    const printed = await call();

    // then
    expect(tasks.find(task => task.id === 'Classify_Ticket')).toBeDefined();
    expect(printed.outcome).toBe('bpmnError');
    expect(printed.bpmnError.code).toBe(boundaryCode);
    expect(printed.bpmnError.message).toContain('required property "summary" is missing (and 1 more)');
    expect(printed.variables).not.toHaveProperty('priority');
  });
});
