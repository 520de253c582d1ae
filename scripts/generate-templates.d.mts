import type { Provider } from '../runtime/types';

export const TEMPLATES_DIR: string;
export const ICONS_DIR: string;

export function createTemplate(provider: Provider, defaults: Record<string, string>, iconSvg: string): Record<string, any>;

export function generateTemplates(
  providers: readonly Provider[],
  newTaskProperties: (providerId: string) => Record<string, string>,
  readIcon?: (providerId: string) => string
): Map<string, string>;

export function readIconFile(providerId: string): string;
export function toDataUri(svg: string): string;
