export { diagnoseConnection } from './diagnose';
export { diagnoseChatUrl } from './url-shape';
