export { diagnoseConnection, type DiagnoseOptions } from './diagnose';
export { diagnoseChatUrl, hasVersionSegment } from './url-shape';
