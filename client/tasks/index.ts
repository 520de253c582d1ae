import CatalystTasks from './CatalystTasks';

export { default as CatalystTasks } from './CatalystTasks';
export { UPDATE_CATALYST_TASK, type PropertyChanges } from './UpdateCatalystTaskHandler';
export * from './extension-properties';
export { canBeCatalystElement, isCatalystElement } from './catalyst-element';

/** didi module providing the `catalystTasks` service. */
export const CatalystTasksModule = {
  __init__: [ 'catalystTasks' ],
  catalystTasks: [ 'type', CatalystTasks ]
};
export { REPLACE_WITH_CATALYST_TASK } from './ReplaceWithCatalystTaskHandler';
export { replacedImplementation, type ReplacedImplementation } from './catalyst-changes';
