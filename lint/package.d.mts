export const ROOT_DIR: string;
export const LINT_PACKAGE_NAME: string;
export function lintManifest(checkout: Record<string, any>): Record<string, unknown>;
export function buildLintPackage(rootDir: string, dir: string): Promise<string[]>;
export function packageLintPlugin(options?: { rootDir?: string; outDir?: string }): Promise<{ out: string; files: string[] }>;
