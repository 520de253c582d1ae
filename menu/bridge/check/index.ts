export { diagnoseConnection, type DiagnoseOptions } from './diagnose';
export { diagnoseChatUrl, hasVersionSegment } from './url-shape';
export type { ConnectionCheck, ConnectionProblem } from './types';
