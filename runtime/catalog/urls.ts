import type { Provider } from '../types';

const CHAT_SUFFIX = /\/chat\/completions\/?$/;

/** The provider's default chat-completions endpoint, e.g. `https://api.groq.com/openai/v1/chat/completions`. */
export function chatUrl(provider: Provider): string {
  return joinUrl(provider.baseUrl, provider.chatPath);
}

/**
 * The models endpoint for a provider, or `null` when it has none.
 *
 * Given a task's URL, the models URL follows that URL rather than the catalog's base, so a
 * task pointed at a self-hosted server lists that server's models. A chat URL loses its
 * `/chat/completions`; anything else is taken as a base URL.
 */
export function modelsUrl(provider: Provider, chatOrBaseUrl?: string): string | null {
  if (provider.modelsPath === null) {
    return null;
  }

  const base = chatOrBaseUrl?.trim()
    ? stripQueryAndHash(chatOrBaseUrl.trim()).replace(CHAT_SUFFIX, '')
    : provider.baseUrl;

  return joinUrl(base, provider.modelsPath);
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

function stripQueryAndHash(url: string): string {
  return url.replace(/[?#].*$/, '');
}
