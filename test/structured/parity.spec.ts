/**
 * One structured task, three surfaces: `catalyst call`, the desktop bridge and the worker
 * (against its engine stand-in) reach the same outcome for a valid, an invalid-JSON and a
 * schema-violating answer from the fault server, and the worker sends correctly typed
 * variables (design §5.7).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Worker } from '../../worker/worker';
import { startBridge, type RunningBridge } from '../../menu/bridge/server';
import { runCli } from '../cli/capture';
import { memorySecrets, parseEvents, raw, runtimeWithoutWaits } from '../menu/bridge-harness';
import { startFaultServer, type FaultServer } from '../support/fault-server';
import { TICKET_ENGINE_TYPES, VALID_TICKET, structuredAnswers, ticketTaskProperties, type StructuredMarker } from '../support/structured-answers';
import { startEngineServer, type EngineServer } from '../worker/support/engine-server';
import { startTestWorker } from '../worker/support/test-worker';

const API_KEY = 'sk-parity-0123456789abcdefghij';

interface Outcome {
  outcome: 'complete' | 'bpmnError' | 'failure';
  code: string | null;
  message: string | null;
}

function xmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;');
}

function diagram(properties: Record<string, string>): string {
  const props = Object.entries(properties)
    .map(([ name, value ]) => `<camunda:property name="${name}" value="${xmlAttribute(value)}" />`)
    .join('\n          ');

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Parity" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_Parity" isExecutable="true">
    <bpmn:serviceTask id="Classify" name="Classify ticket" camunda:type="external" camunda:topic="catalyst">
      <bpmn:extensionElements>
        <camunda:properties>
          ${props}
        </camunda:properties>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>
`;
}

describe('structured answers: CLI, bridge and worker agree', () => {
  let llm: FaultServer;
  let url: string;
  let dir: string;
  let bridge: RunningBridge;
  let engine: EngineServer;
  let worker: Worker;

  beforeAll(async () => {
    llm = await startFaultServer();
    url = llm.route('/v1/chat/completions', structuredAnswers(llm));
    dir = await mkdtemp(path.join(tmpdir(), 'catalyst-parity-'));
    await writeFile(path.join(dir, 'ticket.bpmn'), diagram(ticketTaskProperties(url)));
    await writeFile(path.join(dir, 'ticket-failure.bpmn'), diagram(ticketTaskProperties(url, { 'catalyst.invalidResponse': 'failure' })));
    bridge = await startBridge({ secrets: memorySecrets({ test_api_key: API_KEY }), runtime: runtimeWithoutWaits() });
    engine = await startEngineServer();
    ({ worker } = startTestWorker(engine.url, { workerId: 'parity-worker', apiKey: API_KEY }));
  });

  afterAll(async () => {
    await worker?.stop();
    await engine?.close();
    await bridge?.close();
    await llm?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function viaCli(marker: StructuredMarker, file = 'ticket.bpmn'): Promise<Outcome & { variables: Record<string, unknown> }> {
    const { stdout } = await runCli([ 'call', file, '--task', 'Classify', '--var', `ticketText=Refund please [${marker}]`, '--json' ], { cwd: dir, env: { TEST_API_KEY: API_KEY } });
    const printed = JSON.parse(stdout);

    return { outcome: printed.outcome, code: printed.bpmnError?.code ?? null, message: printed.bpmnError?.message ?? printed.error, variables: printed.variables };
  }

  async function viaBridge(marker: StructuredMarker, extra: Record<string, string> = {}): Promise<Outcome & { structured: any }> {
    const answer = await raw(bridge, {
      method: 'POST',
      path: '/calls',
      body: JSON.stringify({ properties: ticketTaskProperties(url, extra), variables: { ticketText: `Refund please [${marker}]` } })
    });
    const { result } = parseEvents(answer.text).at(-1)!.data;

    return { outcome: result.outcome, code: result.bpmnError?.code ?? null, message: result.bpmnError?.message ?? result.error, structured: result.structured };
  }

  async function viaWorker(marker: StructuredMarker, extra: Record<string, string> = {}): Promise<Outcome & { variables: Record<string, { type: string; value: unknown }> }> {
    const task = engine.addTask({
      variables: { ticketText: { type: 'String', value: `Refund please [${marker}]` } },
      extensionProperties: ticketTaskProperties(url, extra),
      retries: 1
    });

    await expect.poll(() => engine.calls.some(call => call.taskId === task.id && [ 'complete', 'bpmnError', 'failure' ].includes(call.endpoint))).toBe(true);

    const report = engine.calls.find(call => call.taskId === task.id && [ 'complete', 'bpmnError', 'failure' ].includes(call.endpoint))!;
    const outcome = report.endpoint as Outcome['outcome'];

    return {
      outcome,
      code: outcome === 'bpmnError' ? report.body.errorCode : null,
      message: outcome === 'bpmnError' ? report.body.errorMessage : outcome === 'failure' ? report.body.errorMessage : null,
      variables: report.body.variables ?? {}
    };
  }

  it('completes a valid answer on every surface, the worker with typed variables', async () => {

    // when
    const [ cli, fromBridge, fromWorker ] = await Promise.all([ viaCli('valid'), viaBridge('valid'), viaWorker('valid') ]);

    // then
    expect(cli).toMatchObject({ outcome: 'complete', code: null, variables: VALID_TICKET });
    expect(fromBridge).toMatchObject({ outcome: 'complete', structured: { valid: true, parsed: VALID_TICKET } });
    expect(fromWorker.outcome).toBe('complete');

    const types = Object.fromEntries(Object.keys(TICKET_ENGINE_TYPES).map(name => [ name, fromWorker.variables[name]?.type.toLowerCase() ]));
    expect(types).toEqual(Object.fromEntries(Object.entries(TICKET_ENGINE_TYPES).map(([ name, type ]) => [ name, type.toLowerCase() ])));
    expect(fromWorker.variables.amount.value).toBe(1250.5);
    expect(fromWorker.variables.orderRef.value).toBe(5_000_000_000);
    expect(fromWorker.variables.escalate.value).toBe(true);
    expect(JSON.parse(fromWorker.variables.tags.value as string)).toEqual([ 'refund', 'vip' ]);
  });

  it.each([ 'invalid-json', 'schema-violating' ] as const)('throws INVALID_RESPONSE with the same message on every surface (%s)', async (marker) => {

    // when
    const outcomes = await Promise.all([ viaCli(marker), viaBridge(marker), viaWorker(marker) ]);

    // then
    const [ cli ] = outcomes;
    expect(cli).toMatchObject({ outcome: 'bpmnError', code: 'INVALID_RESPONSE' });
    expect(cli.message).toMatch(marker === 'invalid-json' ? /the answer is not JSON/ : /does not match the task's schema/);

    for (const each of outcomes) {
      expect({ outcome: each.outcome, code: each.code, message: each.message }).toEqual({ outcome: cli.outcome, code: cli.code, message: cli.message });
    }
  });

  it('fails on every surface when the task says failure', async () => {

    // when
    const [ cli, fromBridge, fromWorker ] = await Promise.all([
      viaCli('schema-violating', 'ticket-failure.bpmn'),
      viaBridge('schema-violating', { 'catalyst.invalidResponse': 'failure' }),
      viaWorker('schema-violating', { 'catalyst.invalidResponse': 'failure' })
    ]);

    // then
    expect(cli.outcome).toBe('failure');
    expect(fromBridge.outcome).toBe('failure');
    expect(fromWorker.outcome).toBe('failure');
    expect(fromWorker.message).toContain(cli.message);
    expect(fromBridge.message).toBe(cli.message);
  });

  it('shows each variable with its engine type and the failing paths in the CLI report', async () => {

    // when
    const valid = await runCli([ 'call', 'ticket.bpmn', '--task', 'Classify', '--var', 'ticketText=[valid]' ], { cwd: dir, env: { TEST_API_KEY: API_KEY } });
    const invalid = await runCli([ 'call', 'ticket.bpmn', '--task', 'Classify', '--var', 'ticketText=[schema-violating]' ], { cwd: dir, env: { TEST_API_KEY: API_KEY } });

    // then
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('  amount = 1250.5 (Double)\n');
    expect(valid.stdout).toContain('  orderRef = 5000000000 (Long)\n');
    expect(valid.stdout).toContain('  escalate = true (Boolean)\n');
    expect(valid.stdout).toContain('  tags = ["refund","vip"] (Json)\n');
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toContain('structured answer (schema) is invalid:\n  choices[0].message.content#priority: must be one of "low", "medium", "high"\n  choices[0].message.content#amount: must be number\n');
  });
});
