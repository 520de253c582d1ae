/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { messageOf } from '../../runtime/errors';
import type { SecretSource, TaskProperties } from '../../runtime/types';
import type { CatalystBridge, SecretStatus } from '../bridge';

import { untranslated, type Translate } from './translate';

type Line = { state: 'asking' } | { state: 'known'; status: SecretStatus } | { state: 'unknown'; message: string };

/** Where the key will come from on the desktop and whether it is there (never the key). */
export function SecretLine({ bridge, properties, translate = untranslated }: { bridge: CatalystBridge; properties: TaskProperties; translate?: Translate }) {
  const [ line, setLine ] = useState<Line>({ state: 'asking' });
  const key = JSON.stringify(properties);

  useEffect(() => {
    let current = true;

    bridge.secretStatus(properties).then(
      status => current && setLine({ state: 'known', status }),
      error => current && setLine({ state: 'unknown', message: messageOf(error) })
    );

    return () => {
      current = false;
    };
  }, [ key ]);

  const { tone, text } = describe(line, translate);

  return <p class={ `catalyst-test-call__secret catalyst-test-call__secret--${tone}` } aria-label={ translate('Key') }>
    <span class="catalyst-test-call__secret-mark" aria-hidden="true">{ tone === 'ok' ? '✓' : tone === 'missing' ? '✗' : '•' }</span> { text }
  </p>;
}

function describe(line: Line, translate: Translate): { tone: 'ok' | 'missing' | 'neutral'; text: string } {
  if (line.state === 'asking') {
    return { tone: 'neutral', text: translate('Key: looking it up…') };
  }

  if (line.state === 'unknown') {
    return { tone: 'missing', text: translate('Key: the bridge could not say where it is ({reason}).', { reason: line.message }) };
  }

  const { status, location, detail } = line.status;

  switch (status) {
  case 'found':
    return { tone: 'ok', text: translate('Key: from {where} — found.', { where: location.description }) };
  case 'missing':
    return {
      tone: 'missing',
      text: `${detail
        ? translate('Key: {where} is not set ({detail}). The call will fail as it would in the worker.', { where: location.description, detail })
        : translate('Key: {where} is not set. The call will fail as it would in the worker.', { where: location.description })} ${howToSet(location.source, translate)}`
    };
  case 'variable':
    return { tone: 'neutral', text: translate('Key: {where} — read from the process at run time.', { where: location.description }) };
  case 'not-needed':
    return { tone: 'neutral', text: translate('Key: none needed (auth type is none).') };
  }
}

/** How to give the desktop the key: where it is looked up decides the way; a local server needs none. */
function howToSet(source: SecretSource, translate: Translate): string {
  const noAuth = translate('A local server (Ollama, LM Studio) needs no key: set Auth to None.');

  switch (source) {
  case 'env':
    return `${translate('Export it in the shell that starts the Modeler and restart the Modeler, or keep it in the secrets file (Catalyst → Open Secrets File).')} ${noAuth}`;
  case 'properties':
    return `${translate('Add it with Catalyst → Open Secrets File.')} ${noAuth}`;
  case 'file':
    return `${translate('Write the key into that file.')} ${noAuth}`;
  default:
    return noAuth;
  }
}
