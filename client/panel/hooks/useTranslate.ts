import { useService } from 'bpmn-js-properties-panel';

import type { Translate } from '../../test-call/translate';

export type { Translate };

/** The Modeler's `translate` service: every label and message of the panel goes through it. */
export function useTranslate(): Translate {
  return useService<Translate>('translate');
}
