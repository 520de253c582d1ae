/** The bpmn-js event the test dialog listens to ("open the test dialog for the selection"). */
export const TEST_TASK_EDITOR_EVENT = 'catalyst.testTask';

type Listener = () => void;

const listeners = new Set<Listener>();

/** Passes the menu's request on to every editor; each decides whether it is the one shown. */
export function requestTestTask(): void {
  listeners.forEach(listener => listener());
}

export function onTestTaskRequested(listener: Listener): () => void {
  listeners.add(listener);

  return () => listeners.delete(listener);
}
