export { parsePath, readPath, formatPath, resolvePath } from './path';
export type { PathStep, PathRead, PathResolution, ReadPathOptions } from './path';
export { applyResponseMapping } from './response-mapping';
export type { ResponseMappingResult } from './response-mapping';
export { checkResponseMapping, checkErrorMapping } from './validate';
export type { MappingProblem } from './validate';
export { STANDARD_VARIABLES, isStandardVariable } from './standard-variables';
