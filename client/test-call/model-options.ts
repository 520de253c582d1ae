import type { CatalogModel, ModelInfo } from '../../runtime/types';

import type { LiveModelList } from './live-models';
import { untranslated, type Translate } from './translate';

/** An option of the Model select; one with `children` is an optgroup. */
export interface ModelOption {
  value?: string;
  label: string;
  disabled?: boolean;
  children?: ModelOption[];
}

/** Select value standing for "a model id in neither list" (typed in Model id below). */
export const OTHER_MODEL = '';

/**
 * The Model select's options: the curated models by id (the chosen one's description shows
 * under the select, so a 280 px panel does not cut it), then what the
 * provider serves live that the curated list lacks (models that cannot chat shown but
 * disabled), then "Other model". Without a live list it is the curated list alone.
 */
export function modelOptions(curated: readonly CatalogModel[], live: LiveModelList | null, translate: Translate = untranslated): ModelOption[] {
  const curatedOptions = curated.map(model => ({ value: model.id, label: model.id }));
  const other = { value: OTHER_MODEL, label: translate('Other model (type its id below)') };
  const extra = live?.state === 'loaded' ? liveOnly(curated, live.models) : [];

  if (!extra.length) {
    return [ ...curatedOptions, other ];
  }

  return [
    { label: translate('Curated'), children: curatedOptions },
    { label: translate('Live from the provider ({count})', { count: String(extra.length) }), children: extra.map(model => liveOption(model, translate)) },
    other
  ];
}

/** Whether `model` is one the select can show as chosen. */
export function isOffered(options: readonly ModelOption[], model: string): boolean {
  return options.some(option => option.children ? isOffered(option.children, model) : option.value === model && !!model);
}

function liveOnly(curated: readonly CatalogModel[], models: readonly ModelInfo[]): ModelInfo[] {
  const known = new Set(curated.map(model => model.id));

  return models
    .filter(model => !known.has(model.id))
    .sort((a, b) => Number(b.chat) - Number(a.chat) || a.id.localeCompare(b.id));
}

function liveOption(model: ModelInfo, translate: Translate): ModelOption {
  const owner = model.ownedBy ? ` (${model.ownedBy})` : '';

  return model.chat
    ? { value: model.id, label: `${model.id}${owner}` }
    : { value: model.id, label: translate('{model} — cannot chat', { model: model.id }), disabled: true };
}
