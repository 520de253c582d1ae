import { providers } from '../catalog/providers';

/**
 * Prefixes of API keys people paste by mistake: the catalog's own (`gsk_`, `fw_`, `sk-`)
 * plus other issuers' (xAI, Perplexity, Hugging Face, NVIDIA). One list, so the payload
 * lint and the literal-secret check cannot disagree about what a key looks like.
 */
export const KNOWN_KEY_PREFIXES: readonly string[] = [ ...new Set([
  ...providers.flatMap(provider => (provider.keyPrefix ? [ provider.keyPrefix ] : [])),
  'sk-', 'xai-', 'pplx-', 'hf_', 'nvapi-'
]) ];
