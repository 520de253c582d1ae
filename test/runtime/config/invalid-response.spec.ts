/** `catalyst.invalidResponse`: what an answer that is not the JSON asked for ends as (design §5.7). */
import { describe, expect, it } from 'vitest';

import { checkTaskConfig, readTaskConfig } from '../../../runtime/config';

const groq = { 'catalyst.provider': 'groq' };

describe('runtime/config catalyst.invalidResponse', () => {

  it('defaults to the BPMN error INVALID_RESPONSE', () => {

    // then
    expect(readTaskConfig(groq).invalidResponseCode).toBe('INVALID_RESPONSE');
    expect(readTaskConfig({ ...groq, 'catalyst.invalidResponse': '  ' }).invalidResponseCode).toBe('INVALID_RESPONSE');
  });

  it('takes another BPMN error code', () => {

    // then
    expect(readTaskConfig({ ...groq, 'catalyst.invalidResponse': ' NEEDS_HUMAN ' }).invalidResponseCode).toBe('NEEDS_HUMAN');
  });

  it('reads "failure" as a failure the engine retries', () => {

    // then
    expect(readTaskConfig({ ...groq, 'catalyst.invalidResponse': 'failure' }).invalidResponseCode).toBeNull();
  });

  it('rejects a code with spaces, naming the property and the choices', () => {

    // when
    const problems = checkTaskConfig({ ...groq, 'catalyst.invalidResponse': 'needs human' });

    // then
    expect(problems).toEqual([ expect.objectContaining({
      property: 'catalyst.invalidResponse',
      message: expect.stringContaining('must be "failure" or a BPMN error code without spaces')
    }) ]);
  });
});
