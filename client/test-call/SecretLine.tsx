/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { messageOf } from '../../runtime/errors';
import type { TaskProperties } from '../../runtime/types';
import type { CatalystBridge, SecretStatus } from '../bridge';

type Line = { state: 'asking' } | { state: 'known'; status: SecretStatus } | { state: 'unknown'; message: string };

/** Where the key will come from on the desktop and whether it is there (never the key). */
export function SecretLine({ bridge, properties }: { bridge: CatalystBridge; properties: TaskProperties }) {
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

  const { tone, text } = describe(line);

  return <p class={ `catalyst-test-call__secret catalyst-test-call__secret--${tone}` } aria-label="Key">
    <span class="catalyst-test-call__secret-mark" aria-hidden="true">{ tone === 'ok' ? '✓' : tone === 'missing' ? '✗' : '•' }</span> { text }
  </p>;
}

function describe(line: Line): { tone: 'ok' | 'missing' | 'neutral'; text: string } {
  if (line.state === 'asking') {
    return { tone: 'neutral', text: 'Key: looking it up…' };
  }

  if (line.state === 'unknown') {
    return { tone: 'missing', text: `Key: the bridge could not say where it is (${line.message}).` };
  }

  const { status, location, detail } = line.status;

  switch (status) {
  case 'found':
    return { tone: 'ok', text: `Key: from ${location.description} — found.` };
  case 'missing':
    return { tone: 'missing', text: `Key: ${location.description} is not set${detail ? ` (${detail})` : ''}. The call will fail as it would in the worker.` };
  case 'variable':
    return { tone: 'neutral', text: `Key: ${location.description} — read from the process at run time.` };
  case 'not-needed':
    return { tone: 'neutral', text: 'Key: none needed (auth type is none).' };
  }
}
