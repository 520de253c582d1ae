import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import * as protocol from '../../menu/bridge/protocol';

const require = createRequire(import.meta.url);

function comparable(module: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(module).map(([ name, value ]) => [ name, typeof value === 'function' ? `function/${ value.length }` : value ]));
}

describe('menu/bridge/protocol', () => {

  it('reaches menu/index.js unchanged through the built menu/dist/protocol.cjs', () => {

    // when
    const built = require('../../menu/dist/protocol.cjs');

    // then: the same constants, and functions of the same names and arity (built code differs)
    expect(comparable(built)).toEqual(comparable(protocol));
  });

  it('names the events and the version docs/bridge-protocol.md documents', () => {
    expect([ protocol.BRIDGE_EVENT, protocol.TEST_TASK_EVENT, protocol.BRIDGE_PROTOCOL_VERSION ]).toEqual([ 'catalyst.bridge', 'catalyst.testTask', 1 ]);
  });

});
