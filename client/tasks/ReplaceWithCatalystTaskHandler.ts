import { canBeCatalystElement } from './catalyst-element';
import { replaceWithCatalystChanges } from './catalyst-changes';
import { getBusinessObject, readExtensionProperties, type ModdleElement } from './extension-properties';
import { UPDATE_CATALYST_TASK } from './UpdateCatalystTaskHandler';

/** Command name: turn any task into a Catalyst task of one provider, one undo step. */
export const REPLACE_WITH_CATALYST_TASK = 'catalyst.replaceTask';

/** The element type a task becomes when it is neither a service nor a send task. */
export const CATALYST_ELEMENT_TYPE = 'bpmn:ServiceTask';

type Shape = { id: string; businessObject: ModdleElement };

export interface ReplaceWithCatalystTaskContext {
  element: Shape;
  providerId: string;

  /** Set by the command: the task as it is afterwards (a new shape when the type changed). */
  newElement?: Shape;
}

interface CommandStack {
  execute(command: string, context: object): void;
}

interface BpmnReplace {
  replaceElement(element: Shape, target: { type: string }): Shape;
}

/**
 * Composite command of the replace menu's `Catalyst – <provider>` entries: a user task,
 * script task or plain task is first replaced by a service task (bpmn-js's own replace,
 * which keeps name, flows, loop and documentation), then configured exactly as
 * "Make Catalyst task" does (a Catalyst task switches provider instead). Both run nested in `preExecute`, so undo restores the
 * original element in one step.
 */
export default class ReplaceWithCatalystTaskHandler {
  static $inject = [ 'commandStack', 'bpmnReplace' ];

  constructor(
    private readonly commandStack: CommandStack,
    private readonly bpmnReplace: BpmnReplace
  ) {}

  preExecute(context: ReplaceWithCatalystTaskContext): void {
    const { element, providerId } = context;

    const target = canBeCatalystElement(element)
      ? element
      : this.bpmnReplace.replaceElement(element, { type: CATALYST_ELEMENT_TYPE });

    context.newElement = target;

    const changes = replaceWithCatalystChanges(readExtensionProperties(getBusinessObject(target)), providerId);

    this.commandStack.execute(UPDATE_CATALYST_TASK, { element: target, ...changes });
  }
}
