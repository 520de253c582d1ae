export { parsePath, formatPath, resolvePath, isDecodeStep, DECODE_JSON } from './path';
export type { PathStep } from './path';
export { applyResponseMapping } from './response-mapping';
export type { UndecodablePath } from './response-mapping';
export { checkResponseMapping, checkErrorMapping } from './validate';
export type { MappingProblem } from './validate';
export { STANDARD_VARIABLES } from './standard-variables';
