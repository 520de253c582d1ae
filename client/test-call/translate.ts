/**
 * bpmn-js's `translate` service: a template with `{name}` placeholders and their values.
 * The Modeler (or a translation plugin) decides the language; Catalyst writes English.
 * Values are strings: bpmn-js leaves `{name}` in place for an empty or falsy value.
 */
export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** Fills the placeholders without translating, for hosts without a `translate` service. */
export const untranslated: Translate = (template, replacements = {}) =>
  template.replace(/\{([^}]+)\}/g, (whole, key: string) => (Object.hasOwn(replacements, key) ? replacements[key] : whole));
