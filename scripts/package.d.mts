export const ROOT_DIR: string;
export const PLUGIN_FOLDER: string;
export function listPluginFiles(rootDir: string): string[];
export function createZip(files: Array<{ name: string; data: Uint8Array }>): Buffer;
export function packagePlugin(options?: { rootDir?: string; out?: string }): { out: string; files: string[]; bytes: number };
export function buildPlugin(rootDir?: string): void;
export function optionValue(args: string[], name: string): string | undefined;
