export const CLIENT_BUNDLE_INPUTS: string[];
export const PLAYGROUND_HOST_INPUTS: string[];
export function newestInputTime(entry: string): number;
export function isFresh(root: string, outputs: string[], inputs: string[]): boolean;
