import { readTaskConfig, secretEnvName, secretVariableName } from '../../runtime/config';
import { buildRequest, toCurl } from '../../runtime/execute';
import type { TaskProperties } from '../../runtime/types';

/** Stands in for the key while the request is built; toCurl writes `$ENV_NAME` instead. */
const KEY_STAND_IN = 'KEY_STAND_IN';

/**
 * The task's request with these variables as a curl command. The key is written as
 * `$ENV_NAME` (the env variable of the task's secret name) and never known here.
 *
 * @throws CatalystError when the properties cannot be read or the payload does not render
 */
export function curlCommand(properties: TaskProperties, variables: Record<string, unknown>, options: { stream?: boolean } = {}): string {
  const config = readTaskConfig(properties);
  const request = buildRequest(config, variables, KEY_STAND_IN, options);
  const name = config.secretSource === 'variable' ? secretVariableName(config.secretName) ?? 'API_KEY' : config.secretName;

  return toCurl(request, secretEnvName(name));
}
