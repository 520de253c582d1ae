import { ProviderError } from '../errors';
import type { ModelInfo, ModelsShape } from '../types';
import { isRecord } from '../execute/json';
import { looksLikeChatModel } from './chat-capable';

/**
 * Read a `GET /models` answer of the given shape (design §6).
 *
 * @throws ProviderError `MODELS_UNREADABLE` when the answer does not have that shape
 */
export function parseModels(shape: ModelsShape, json: unknown): ModelInfo[] {
  switch (shape) {
  case 'together-array':
    return entriesOf(json, 'a JSON array of models').map(entry => ({
      ...common(entry),
      chat: typeof entry.type === 'string' ? entry.type === 'chat' : looksLikeChatModel(idOf(entry))
    }));
  case 'ollama-tags':
    return ollamaEntries(json).map(entry => ({
      id: idOf(entry, 'name'),
      chat: looksLikeChatModel(idOf(entry, 'name')) && !isBertFamily(entry)
    }));
  case 'groq-list':
    return entriesOf(json, '{"data": [...]}')
      .filter(entry => entry.active !== false)
      .map(entry => ({ ...common(entry), chat: looksLikeChatModel(idOf(entry)) }));
  case 'fireworks-list':
    return entriesOf(json, '{"data": [...]}').map(entry => ({
      ...common(entry),
      chat: typeof entry.supports_chat === 'boolean' ? entry.supports_chat : looksLikeChatModel(idOf(entry))
    }));
  default:
    return entriesOf(json, '{"data": [...]}').map(entry => ({ ...common(entry), chat: looksLikeChatModel(idOf(entry)) }));
  }
}

type Entry = Record<string, unknown>;

/** `{data: [...]}` for most servers; a bare array for Together (and tolerated everywhere). */
function entriesOf(json: unknown, expected: string): Entry[] {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.data) ? json.data : null;

  if (!list) {
    throw unreadable(`expected ${expected}`);
  }

  return list.filter(isRecord).filter(entry => typeof entry.id === 'string' && entry.id);
}

function ollamaEntries(json: unknown): Entry[] {
  if (!isRecord(json) || !Array.isArray(json.models)) {
    throw unreadable('expected {"models": [...]} from /api/tags');
  }

  return json.models.filter(isRecord).filter(entry => typeof entry.name === 'string' && entry.name);
}

function common(entry: Entry): Omit<ModelInfo, 'chat'> {
  const info: Omit<ModelInfo, 'chat'> = { id: idOf(entry) };
  const owner = entry.owned_by ?? entry.organization;
  const description = entry.display_name ?? entry.description;

  if (typeof owner === 'string' && owner) {
    info.ownedBy = owner;
  }

  if (typeof description === 'string' && description) {
    info.description = description;
  }

  return info;
}

function isBertFamily(entry: Entry): boolean {
  const details = isRecord(entry.details) ? entry.details : {};
  const families = Array.isArray(details.families) ? details.families : [ details.family ];

  return families.some(family => typeof family === 'string' && /bert/i.test(family));
}

function idOf(entry: Entry, field = 'id'): string {
  return String(entry[field]);
}

function unreadable(expected: string): ProviderError {
  return new ProviderError('MODELS_UNREADABLE', `not an OpenAI-compatible answer: ${expected}`);
}
