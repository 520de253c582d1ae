import { describe, expect, it } from 'vitest';

import { createLogger, createSecretRedactor, REDACTOR_CAPACITY } from '../../worker/log';

describe('worker/log', () => {

  it('writes one JSON object per line with time, level, event and fields', () => {

    // given
    const lines: string[] = [];
    const log = createLogger({ redactor: createSecretRedactor(), write: line => lines.push(line), now: () => new Date('2026-01-01T00:00:00Z') });

    // when
    log.warn('task.failure', { taskId: 't1', retries: 2 });

    // then
    expect(lines.map(line => JSON.parse(line))).toEqual([
      { time: '2026-01-01T00:00:00.000Z', level: 'warn', event: 'task.failure', taskId: 't1', retries: 2 }
    ]);
  });

  it('replaces every secret it has learned, also JSON-escaped', () => {

    // given
    const lines: string[] = [];
    const redactor = createSecretRedactor([ 'engine-pass"word' ]);
    const log = createLogger({ redactor, write: line => lines.push(line) });
    redactor.add('sk-provider-key-123');

    // when
    log.error('engine.fetch-failed', { error: 'auth engine-pass"word failed; key sk-provider-key-123 echoed' });

    // then
    expect(JSON.parse(lines[0]).error).toBe('auth *** failed; key *** echoed');
  });

  it('keeps its pinned secrets and the most recent ones when it runs full', () => {

    // given
    const redactor = createSecretRedactor([ 'pinned-secret' ]);
    redactor.add('first-secret');

    // when
    for (let index = 0; index < REDACTOR_CAPACITY; index++) {
      redactor.add(`secret-number-${index}`);
    }

    // then
    expect(redactor.redact('pinned-secret first-secret secret-number-0')).toBe('*** first-secret ***');
  });
});
