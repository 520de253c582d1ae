import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import * as protocol from '../../menu/bridge/protocol';

const require = createRequire(import.meta.url);

describe('menu/bridge/protocol', () => {

  it('reaches menu/index.js unchanged through the built menu/dist/protocol.cjs', () => {

    // when
    const built = require('../../menu/dist/protocol.cjs');

    // then
    expect({ ...built }).toEqual({ ...protocol });
  });

  it('names the events and the version docs/bridge-protocol.md documents', () => {
    expect([ protocol.BRIDGE_EVENT, protocol.TEST_TASK_EVENT, protocol.BRIDGE_PROTOCOL_VERSION ]).toEqual([ 'catalyst.bridge', 'catalyst.testTask', 1 ]);
  });

});
