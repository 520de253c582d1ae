/**
 * The file of the diagram the Modeler shows: test cases are saved beside it. The Modeler
 * names it in its app events (`app.activeTabChanged` with `activeTab`, and the active `tab`
 * on every other event, `tab.saved` among them); a diagram never saved has no path yet.
 */
let activePath: string | null = null;

/** The shown diagram's absolute path, `null` while it has none (new, unsaved, or no Modeler). */
export function activeDiagramPath(): string | null {
  return activePath;
}

/** Remembers the path an app event names, if it names one (`activeTab` or `tab`, `.file.path`). */
export function rememberDiagramPath(payload: unknown): void {
  if (typeof payload !== 'object' || payload === null) {
    return;
  }

  const { activeTab, tab } = payload as { activeTab?: unknown; tab?: unknown };
  const named = activeTab ?? tab;

  if (typeof named !== 'object' || named === null) {
    return;
  }

  const file = (named as { file?: { path?: unknown } }).file;

  activePath = typeof file?.path === 'string' && file.path ? file.path : null;
}

/** App events that say which diagram is shown, or that it has just got a path. */
export const DIAGRAM_PATH_EVENTS = [ 'app.activeTabChanged', 'tab.saved' ] as const;
