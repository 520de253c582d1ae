export { collectKnownVariables } from './known-variables';
