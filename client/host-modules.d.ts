/**
 * Types for the libraries the Modeler hosts and the plugin borrows through
 * `window.vendor` (see webpack.config.js). They ship without TypeScript types;
 * these cover only what the panel uses.
 */

declare module '@bpmn-io/properties-panel' {
  import type { ComponentChildren, FunctionComponent } from '@bpmn-io/properties-panel/preact';

  type Element = any;

  export interface EntryProps {
    element: Element;
    id: string;
    label: string;
    description?: ComponentChildren;
    tooltip?: ComponentChildren;
    disabled?: boolean;
    getValue: (element: Element) => any;
    setValue: (value: any, error?: string | null) => void;
    validate?: (value: any) => string | null | undefined;
    debounce?: (fn: (...args: any[]) => void) => (...args: any[]) => void;
    placeholder?: string;
  }

  export interface SelectOption {
    value: string;
    label: string;
    disabled?: boolean;
  }

  export const TextFieldEntry: FunctionComponent<EntryProps>;
  export const SelectEntry: FunctionComponent<EntryProps & { getOptions: (element: Element) => SelectOption[] }>;
  export const Group: FunctionComponent<any>;

  export function isTextFieldEntryEdited(node: HTMLElement | null): boolean;
  export function isSelectEntryEdited(node: HTMLElement | null): boolean;
  export function useError(id: string): string | undefined;
  export function useErrors(): Record<string, string>;
  export function useLayoutState<T>(path: Array<string | number>, defaultValue: T): [ T, (value: T) => void ];

  /** What the panel hands every entry about open groups, and a group its `onShow`. */
  export const LayoutContext: import('@bpmn-io/properties-panel/preact').Context<Record<string, unknown>>;
  export function useEvent(event: string, callback: (event: any) => void): void;
  export const TextAreaEntry: FunctionComponent<EntryProps & { rows?: number; autoResize?: boolean; monospace?: boolean }>;
  export function isTextAreaEntryEdited(node: HTMLElement | null): boolean;
}

declare module 'bpmn-js-properties-panel' {
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module 'camunda-modeler-plugin-helpers' {
  export function registerPlatformBpmnJSPlugin(module: object): void;
  export function registerBpmnJSPlugin(module: object): void;
  export function registerClientExtension(component: unknown): void;
  export function registerClientPlugin(plugin: unknown, type: string): void;
}

declare module '@bpmn-io/extract-process-variables' {
  export function getProcessVariables(container: object, extractors?: Array<(options: any) => unknown>): Promise<Array<{ name: string; origin: any[]; scope: any }>>;
}

// The host's Preact (10.x, served through window.vendor) is typed with the installed
// preact package: the plugin uses only API both share.
declare module '@bpmn-io/properties-panel/preact' {
  export * from 'preact';
}

declare module '@bpmn-io/properties-panel/preact/hooks' {
  export * from 'preact/hooks';
}

declare module '@bpmn-io/properties-panel/preact/jsx-runtime' {
  export * from 'preact/jsx-runtime';
}

// webpack's `import.meta.webpackContext` (client/icons): every file of a folder, bundled.
interface ImportMeta {
  webpackContext(directory: string, options: { recursive?: boolean; regExp?: RegExp }): {
    keys(): string[];
    (key: string): string | { default: string };
  };
}
