/** Structured answers end to end in the runtime: parsed, checked, mapped, or an INVALID_RESPONSE outcome. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chunk, completion, json, sse, startFaultServer, type FaultServer } from '../../support/fault-server';
import { TICKET_MAPPING, TICKET_PAYLOAD, VALID_TICKET, structuredAnswers } from '../../support/structured-answers';
import { makeTask, run } from './task';

describe('executeTask: structured answers', () => {
  let server: FaultServer;
  let url: string;

  beforeAll(async () => {
    server = await startFaultServer();
    url = server.route('/structured', structuredAnswers(server));
  });

  afterAll(async () => {
    await server.stop();
  });

  const ticketTask = (overrides = {}) => makeTask(url, { payload: TICKET_PAYLOAD, responseMapping: TICKET_MAPPING, ...overrides });

  it('completes with each field of a valid answer as a variable of its JSON type', async () => {

    // when
    const { result } = await run(ticketTask(), { variables: { ticketText: 'Refund my order [valid]' } });

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables).toMatchObject(VALID_TICKET);
    expect(result.structured).toMatchObject({ requested: 'schema', valid: true, problems: [], parsed: VALID_TICKET });
  });

  it.each([ 'think', 'fenced' ])('reads the answer behind a <think> block or in a code fence (%s)', async (marker) => {

    // when
    const { result } = await run(ticketTask(), { variables: { ticketText: `[${marker}]` } });

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables.priority).toBe('high');
  });

  it('reads a streamed answer the same way', async () => {

    // when
    const { result } = await run(ticketTask(), { variables: { ticketText: '[think]' }, stream: true });

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables).toMatchObject(VALID_TICKET);
  });

  it('throws the BPMN error INVALID_RESPONSE with the standard variables for an answer that is not JSON', async () => {

    // when
    const { result } = await run(ticketTask(), { variables: { ticketText: '[invalid-json]' } });

    // then
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError?.code).toBe('INVALID_RESPONSE');
    expect(result.bpmnError?.message).toContain('choices[0].message.content: the answer is not JSON');
    expect(result.variables).toMatchObject({ catalyst_statusCode: 200, catalyst_success: false, catalyst_error: result.bpmnError?.message });
    expect(result.variables).not.toHaveProperty('priority');
  });

  it('names the failing paths of an answer that breaks the schema', async () => {

    // when
    const { result } = await run(ticketTask(), { variables: { ticketText: '[schema-violating]' } });

    // then
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError?.message).toContain('does not match the task\'s schema: choices[0].message.content#priority: must be one of "low", "medium", "high" (and 1 more)');
    expect(result.structured?.problems.map(problem => problem.path)).toEqual([
      'choices[0].message.content#priority',
      'choices[0].message.content#amount'
    ]);
  });

  it('throws the task\'s own code when it names one', async () => {

    // when
    const { result } = await run(ticketTask({ invalidResponseCode: 'NEEDS_HUMAN' }), { variables: { ticketText: '[invalid-json]' } });

    // then
    expect(result.bpmnError?.code).toBe('NEEDS_HUMAN');
  });

  it('fails (for the engine to retry) when the task says failure', async () => {

    // when
    const { result } = await run(ticketTask({ invalidResponseCode: null }), { variables: { ticketText: '[schema-violating]' } });

    // then
    expect(result.outcome).toBe('failure');
    expect(result.bpmnError).toBeNull();
    expect(result.error).toContain('does not match the task\'s schema');
  });

  it('leaves a plain text task alone: no check, no verdict', async () => {

    // given
    const text = server.route('/text', json(200, completion('Just words {')));

    // when
    const { result } = await run(makeTask(text));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.structured).toBeNull();
  });

  describe('tool calls', () => {

    const TOOLS_PAYLOAD = JSON.stringify({
      model: 'fault-model',
      messages: [ { role: 'user', content: '${userMessage}' } ],
      tools: [ { type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: { orderId: { type: 'integer' } }, required: [ 'orderId' ] } } } ]
    });
    const TOOL_MAPPING = {
      tool: 'choices[0].message.tool_calls[0].function.name',
      orderId: 'choices[0].message.tool_calls[0].function.arguments#orderId',
      finishReason: 'choices[0].finish_reason'
    };
    const CALLS = [
      { id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId": 42}' } }
    ];

    it('maps into a non-streamed tool call\'s arguments', async () => {

      // given
      const tools = server.route('/tools', json(200, completion(null as unknown as string, { finishReason: 'tool_calls', message: { tool_calls: CALLS } })));

      // when
      const { result } = await run(makeTask(tools, { payload: TOOLS_PAYLOAD, responseMapping: TOOL_MAPPING }));

      // then
      expect(result.outcome).toBe('complete');
      expect(result.variables).toMatchObject({ tool: 'lookup_order', orderId: 42, finishReason: 'tool_calls' });
      expect(result.finishReason).toBe('tool_calls');
    });

    it('assembles streamed tool_calls deltas into the body a non-streamed answer has', async () => {

      // given
      const streamed = server.route('/tools-stream', sse([
        chunk({ role: 'assistant', content: null }),
        chunk({ tool_calls: [ { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '' } } ] }),
        chunk({ tool_calls: [ { index: 0, function: { arguments: '{"order' } } ] }),
        chunk({ tool_calls: [ { index: 0, function: { arguments: 'Id": 42}' } } ] }),
        chunk({}, 'tool_calls'),
        '[DONE]'
      ]));

      // when
      const { result } = await run(makeTask(streamed, { payload: TOOLS_PAYLOAD, responseMapping: TOOL_MAPPING }), { stream: true });

      // then
      expect(result.outcome).toBe('complete');
      expect(result.variables).toMatchObject({ tool: 'lookup_order', orderId: 42, finishReason: 'tool_calls' });
      expect(JSON.parse(result.response!.body).choices[0].message).toEqual({ role: 'assistant', content: null, tool_calls: CALLS });
    });

    it('throws INVALID_RESPONSE when the arguments break the function\'s parameters', async () => {

      // given
      const bad = server.route('/tools-bad', json(200, completion(null as unknown as string, {
        finishReason: 'tool_calls',
        message: { tool_calls: [ { id: 'c', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId": "forty-two"}' } } ] }
      })));

      // when
      const { result } = await run(makeTask(bad, { payload: TOOLS_PAYLOAD, responseMapping: TOOL_MAPPING }));

      // then
      expect(result.outcome).toBe('bpmnError');
      expect(result.bpmnError?.message).toContain('tool_calls[0].function.arguments#orderId: must be integer');
    });
  });
});
