/**
 * The payload editor (CodeMirror 6, most of the plugin's size) as a chunk of its own: the
 * plugin's script stays small, and the chunk loads the first time a payload editor mounts,
 * which the panel does when the browser is idle after showing a Catalyst task. Webpack
 * finds the chunk beside client.js (publicPath `auto`: the folder of the running script).
 */
import type * as PayloadEditorModule from './payload-editor';

let loading: Promise<typeof PayloadEditorModule> | null = null;

/** The payload editor's module, loaded once and shared by every panel. */
export function loadPayloadEditor(): Promise<typeof PayloadEditorModule> {
  loading ??= import(/* webpackChunkName: "payload-editor" */ './payload-editor').catch(error => {

    // a chunk that did not load (a plugin folder being replaced) is tried again next time
    loading = null;
    throw error;
  });

  return loading;
}
