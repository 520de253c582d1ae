export { parsePath, readPath, formatPath, resolvePath, decodeJsonText, isDecodeStep, DECODE_JSON } from './path';
export type { PathStep, DecodeJsonStep, PathRead, PathResolution, ReadPathOptions } from './path';
export { applyResponseMapping } from './response-mapping';
export type { ResponseMappingResult, UndecodablePath } from './response-mapping';
export { checkResponseMapping, checkErrorMapping } from './validate';
export type { MappingProblem } from './validate';
export { STANDARD_VARIABLES, isStandardVariable } from './standard-variables';
