import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import schema from '../../../resources/catalyst-tests.schema.json';
import { formatTestFile, parseTestFile, TestFileError } from '../../../runtime/testing';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

function problemOf(text: string): string {
  try {
    parseTestFile(text, 'order.catalyst-tests.json');
  } catch (error) {
    expect(error).toBeInstanceOf(TestFileError);

    return (error as Error).message;
  }

  throw new Error('the file was accepted');
}

const valid = () => JSON.parse(fixture('valid.catalyst-tests.json'));

describe('test-cases file', () => {

  it('reads a valid file with every expectation kind', () => {

    // when
    const suite = parseTestFile(fixture('valid.catalyst-tests.json'), 'valid.catalyst-tests.json');

    // then
    expect(suite.cases.map(each => each.name)).toEqual([ 'capital of France', 'rate limited' ]);
    expect(suite.cases[0].expect.variables?.aiReply).toEqual([ { contains: 'Paris' }, { matches: '^The capital' } ]);
  });

  it('the fixture is valid against the published JSON schema itself', () => {
    const validate = new Ajv({ strict: false }).compile(schema);

    expect(validate(valid())).toBe(true);
  });

  it('names file, line and column of a JSON syntax error in one line', () => {
    const message = problemOf('{\n  "version": 1,\n  "cases": [ { "name": "x", } ]\n}');

    expect(message).toBe('order.catalyst-tests.json:3:29: not valid JSON: a `,` before `}` is not allowed in JSON: remove the trailing comma');
    expect(message).not.toContain('\n');
  });

  it('names the place of a value of the wrong type', () => {
    const suite = valid();
    suite.cases[0].expect.maxTokens = 'many';

    expect(problemOf(JSON.stringify(suite, null, 2))).toBe('order.catalyst-tests.json:32:22: cases[0].expect.maxTokens: must be integer');
  });

  it('names an unknown expectation', () => {
    const suite = valid();
    suite.cases[1].expect.maxToken = 5;

    expect(problemOf(JSON.stringify(suite))).toMatch(/^order\.catalyst-tests\.json:1:\d+: cases\[1\]\.expect: unknown property "maxToken"$/);
  });

  it('names a missing task id', () => {
    const suite = valid();
    delete suite.cases[1].task;

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[1\]: missing property "task"$/);
  });

  it('refuses a variable check with two kinds at once', () => {
    const suite = valid();
    suite.cases[0].expect.variables.modelUsed = { equals: 'a', contains: 'b' };

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[0\]\.expect\.variables\.modelUsed: a check has exactly one of equals, contains, matches, schema$/);
  });

  it('refuses an unknown outcome', () => {
    const suite = valid();
    suite.cases[0].expect.outcome = 'completed';

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[0\]\.expect\.outcome: must be one of "complete", "bpmnError", "failure"$/);
  });

  it('refuses a regular expression that does not compile', () => {
    const suite = valid();
    suite.cases[0].expect.variables.modelUsed = { matches: '(unclosed' };

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[0\]\.expect\.variables\.modelUsed\.matches: not a regular expression: /);
  });

  it('refuses a JSON schema that does not compile', () => {
    const suite = valid();
    suite.cases[0].expect.variables.modelUsed = { schema: { type: 'text' } };

    expect(problemOf(JSON.stringify(suite))).toMatch(/modelUsed\.schema: not a usable JSON schema: /);
  });

  it('refuses two cases of the same name', () => {
    const suite = valid();
    suite.cases[1].name = 'capital of France';

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[1\]\.name: "capital of France" is used by an earlier case/);
  });

  it('refuses a BPMN error code that contradicts the outcome', () => {
    const suite = valid();
    suite.cases[1].expect.outcome = 'complete';

    expect(problemOf(JSON.stringify(suite))).toMatch(/cases\[1\]\.expect: bpmnError "RATE_LIMITED" contradicts outcome "complete"$/);
  });

  it('refuses a file of another version', () => {
    expect(problemOf('{"version": 2, "cases": []}')).toBe('order.catalyst-tests.json:1:13: version: must be 1');
  });

  it('writes one property a line, so a diff shows the case that changed', () => {
    const text = formatTestFile(parseTestFile(fixture('valid.catalyst-tests.json'), 'x'));

    expect(text.split('\n')).toContain('      "name": "rate limited",');
    expect(parseTestFile(text, 'x')).toEqual(parseTestFile(fixture('valid.catalyst-tests.json'), 'x'));
  });
});
