/**
 * The part of Electron menu/index.js uses. Electron exists only inside the Modeler, so it
 * is not a dependency; this declares just what the menu calls.
 */
declare module 'electron' {
  export const shell: { openPath(path: string): Promise<string> };
  export const dialog: { showMessageBox(...args: unknown[]): Promise<{ response: number }> };
}
