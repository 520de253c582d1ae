export const ROOT_DIR: string;
export const CLI_PACKAGE_NAME: string;
export function cliManifest(checkout: Record<string, any>): Record<string, unknown>;
export function bundleCli(rootDir: string, outFile: string): Promise<void>;
export function packageCli(options?: { rootDir?: string; outDir?: string }): Promise<{ out: string; files: string[] }>;
