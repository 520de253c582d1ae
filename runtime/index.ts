/**
 * The browser-safe runtime: everything the panel, the test call, the bridge, the command
 * line and the worker share. Node-only parts (runtime/node) and BPMN reading (runtime/bpmn)
 * are imported from their folders, so the renderer bundle never pulls in `fs` or moddle.
 */
export * from './errors';
export type * from './types';
export * from './catalog';
export * from './config';
export * from './template';
export * from './mapping';
export * from './secrets';
export * from './execute';
export * from './models';
export * from './structured';
