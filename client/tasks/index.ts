import CatalystTasks from './CatalystTasks';

export { default as CatalystTasks } from './CatalystTasks';
export * from './extension-properties';
export { canBeCatalystElement, isCatalystElement } from './catalyst-element';

/** didi module providing the `catalystTasks` service. */
export const CatalystTasksModule = {
  __init__: [ 'catalystTasks' ],
  catalystTasks: [ 'type', CatalystTasks ]
};
export { replacedImplementation } from './catalyst-changes';
