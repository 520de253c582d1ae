export { createNodeSecretStore, DEFAULT_SECRETS_DIR, DEFAULT_SECRETS_FILE } from './secret-store';
export { parseProperties } from './properties';
