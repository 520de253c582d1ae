export {
  PROPERTY,
  DEFAULT_ERROR_MAPPING,
  DEFAULT_RESPONSE_MAPPING,
  DEFAULT_TIMEOUT,
  DEFAULT_RETRIES,
  MAX_RETRIES,
  DEFAULT_INVALID_RESPONSE_CODE,
  INVALID_RESPONSE_FAILURE,
  ABSENT_BY_DEFAULT
} from './properties';
export { readTaskConfig, checkTaskConfig, resolveTaskConfig } from './read';
export { newTaskProperties, switchProviderProperties } from './write';
export { parseIsoDuration, formatIsoDuration } from './duration';
export { isCatalystTask, secretEnvName, secretVariableName } from './task';
