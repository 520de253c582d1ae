export { providers, getProvider, requireProvider } from './providers';
export { chatUrl, modelsUrl } from './urls';
