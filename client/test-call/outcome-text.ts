import type { ExecutionResult } from '../../runtime/types';

import { untranslated, type Translate } from './translate';

/** The outcome in words, as the worker would act on it (design §5). */
export interface OutcomeText {
  tone: 'success' | 'error' | 'failure';
  headline: string;
  detail: string | null;
}

/** Says what the worker would do with this result. */
export function describeOutcome(result: ExecutionResult, translate: Translate = untranslated): OutcomeText {
  switch (result.outcome) {
  case 'complete':
    return {
      tone: 'success',
      headline: translate('The worker would complete the task with these variables.'),
      detail: null
    };
  case 'bpmnError': {
    const code = result.bpmnError?.code;
    const catching = code
      ? translate('A boundary error event catching {code} takes over; without one the error ends the process instance.', { code })
      : translate('A boundary error event catching it takes over; without one the error ends the process instance.');

    return {
      tone: 'error',
      headline: code ? translate('The worker would throw BPMN error {code}.', { code }) : translate('The worker would throw a BPMN error (no code).'),
      detail: `${catching} ${result.bpmnError?.message ?? ''}`.trim()
    };
  }
  case 'failure':
    return {
      tone: 'failure',
      headline: translate('The worker would report a failure: the engine would retry the task, then raise an incident.'),
      detail: result.error
    };
  }
}

/** `1.2 s`, `340 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** `812 B`, `3.4 KB`, `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }

  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
