// The runtime's folders directly rather than its barrel: the bridge is Node-only and needs
// nothing else, which keeps menu/dist/bridge.cjs small.
import { getProvider } from '../../runtime/catalog/providers';
import { modelsUrl } from '../../runtime/catalog/urls';
import { readTaskConfig } from '../../runtime/config/index';
import { executeTask, parseErrorBody } from '../../runtime/execute/index';
import { listModels } from '../../runtime/models/list-models';
import { describeSecret, redact, resolveSecret } from '../../runtime/secrets/index';

import type { BridgeRuntime } from './runtime-port';

/** The shared runtime itself: what the worker and the command line run. */
export const defaultRuntime: BridgeRuntime = {
  describeSecret,
  executeTask,
  getProvider,
  listModels,
  modelsUrl,
  parseErrorBody,
  readTaskConfig,
  redact,
  resolveSecret
};
