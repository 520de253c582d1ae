import { describe, expect, it } from 'vitest';

import { lintTask } from '../../../runtime/lint/lint-task';
import { TICKET_MAPPING, TICKET_PAYLOAD } from '../../support/structured-answers';

function lint(properties: Record<string, string>) {
  return lintTask({ properties: { 'catalyst.provider': 'openai-compatible', ...properties }, knownVariables: [ 'ticketText' ] });
}

describe('lintTask: structured answers', () => {

  it('finds nothing wrong with the classify-ticket task', () => {

    // then
    expect(lint({ 'catalyst.payload': TICKET_PAYLOAD, 'catalyst.responseMapping': JSON.stringify(TICKET_MAPPING) })).toEqual([]);
  });

  it('reports a schema mistake at its place in the payload', () => {

    // given
    const payload = TICKET_PAYLOAD.replace('"type": "boolean"', '"type": "bool"');

    // when
    const [ problem ] = lint({ 'catalyst.payload': payload });

    // then
    expect(problem).toMatchObject({ severity: 'error', code: 'schema/type' });
    expect(payload.slice(problem.from, problem.to)).toBe('"bool"');
  });

  it('warns about a # path to a property the schema does not have', () => {

    // when
    const diagnostics = lint({ 'catalyst.payload': TICKET_PAYLOAD, 'catalyst.responseMapping': '{"urgency": "choices[0].message.content#urgency"}' });

    // then
    expect(diagnostics).toEqual([ expect.objectContaining({ severity: 'warning', code: 'mapping/structured', message: expect.stringContaining('has no `urgency`') }) ]);
  });
});
