export function modelerResourcesDir(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv, home?: string): string;
export function installPlugin(options: { rootDir?: string; resourcesDir: string; link?: boolean }): {
  pluginDir: string;
  templates: string[];
  files: string[];
};
