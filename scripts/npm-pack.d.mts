export function npmPack(staging: string, outDir: string): { out: string; files: string[] };
