export function npmPack(staging: string, outDir: string): { out: string; files: string[] };
export function packFromCommandLine(
  pack: (options: { outDir?: string }) => Promise<{ out: string; files: string[] }>,
  summary: (result: { out: string; files: string[] }) => string
): void;
