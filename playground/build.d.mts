export function buildHost(): Promise<Record<'host.js' | 'host.css', Uint8Array>>;
