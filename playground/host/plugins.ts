/**
 * Loads plugins the way the Modeler's renderer does: each plugin's `style` as a stylesheet
 * and its `script` as a classic script, one after the other, before any editor exists.
 * A plugin that fails to load is recorded and skipped; the others still load.
 */
import type { PluginRegistration } from './vendor';

/** One plugin as the server describes it (the manifest's fields turned into URLs). */
export interface PluginDescriptor {
  name: string;
  script?: string;
  style?: string;
}

export interface PluginLoadError {
  plugin: string;
  message: string;
}

export async function loadPlugins(descriptors: PluginDescriptor[]): Promise<PluginLoadError[]> {
  const errors: PluginLoadError[] = [];

  // a script that throws while evaluating only reports through window 'error'
  const onError = (event: ErrorEvent) => {
    errors.push({ plugin: currentPlugin, message: event.message });
  };

  let currentPlugin = '';
  window.addEventListener('error', onError);

  try {
    for (const descriptor of descriptors) {
      currentPlugin = descriptor.name;

      // a missing style must not keep the script from loading, nor the other way round
      const elements = [
        descriptor.style && createStylesheet(descriptor.style),
        descriptor.script && createScript(descriptor.script)
      ].filter(Boolean) as Array<HTMLLinkElement | HTMLScriptElement>;

      for (const element of elements) {
        try {
          await appendElement(element);
        } catch (error) {
          errors.push({ plugin: descriptor.name, message: (error as Error).message });
        }
      }
    }
  } finally {
    window.removeEventListener('error', onError);
  }

  return errors;
}

/**
 * The registrations of the given types, in registration order.
 */
export function getPlugins<T = unknown>(...types: string[]): T[] {
  return (window.plugins || [])
    .filter((registration: PluginRegistration) => types.includes(registration.type))
    .map(registration => registration.plugin as T);
}

function createStylesheet(href: string): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  return link;
}

function createScript(src: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = src;

  // classic, in-order execution like the Modeler's <script> tags
  script.async = false;
  return script;
}

function appendElement(element: HTMLLinkElement | HTMLScriptElement): Promise<void> {
  return new Promise((resolve, reject) => {
    element.addEventListener('load', () => resolve());
    element.addEventListener('error', () => {
      const url = element instanceof HTMLLinkElement ? element.href : element.src;
      reject(new Error(`could not load ${ url }`));
    });
    document.head.appendChild(element);
  });
}
