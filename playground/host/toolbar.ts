/**
 * The playground's toolbar: open a file, export XML, undo/redo, pick a bundled diagram.
 * It stands in for the Modeler's own file menu and toolbar.
 */
import type { PlaygroundDiagram } from './api';

export interface ToolbarActions {
  openFile(file: File): void;
  exportXML(): void;
  undo(): void;
  redo(): void;
  openDiagram(url: string): void;
}

export interface Toolbar {
  setUndoState(canUndo: boolean, canRedo: boolean): void;
  setCurrentDiagram(url: string): void;

  /** Shows a file opened from disk as the current diagram (it has no URL to pick again). */
  setCurrentFile(name: string): void;
  setStatus(text: string, isError?: boolean): void;
}

export function createToolbar(root: HTMLElement, diagrams: PlaygroundDiagram[], actions: ToolbarActions): Toolbar {
  root.innerHTML = `
    <span class="cp-title">Catalyst playground</span>
    <button class="cp-button" type="button" data-action="choose-file" title="Open a BPMN file from disk">Open</button>
    <input type="file" accept=".bpmn,.xml" data-action="open" hidden>
    <button class="cp-button" type="button" data-action="export">Export XML</button>
    <button class="cp-button" type="button" data-action="undo" disabled>Undo</button>
    <button class="cp-button" type="button" data-action="redo" disabled>Redo</button>
    <label class="cp-picker">Diagram
      <select data-action="diagram"></select>
    </label>
    <span class="cp-status" role="status"></span>
  `;

  const fileInput = root.querySelector<HTMLInputElement>('[data-action="open"]')!;
  const picker = root.querySelector<HTMLSelectElement>('[data-action="diagram"]')!;
  const undoButton = root.querySelector<HTMLButtonElement>('[data-action="undo"]')!;
  const redoButton = root.querySelector<HTMLButtonElement>('[data-action="redo"]')!;
  const status = root.querySelector<HTMLElement>('.cp-status')!;

  for (const diagram of diagrams) {
    picker.append(new Option(diagram.name, diagram.url));
  }

  // a file from disk: shown as the current diagram, not offered again (it has no URL)
  const fileOption = new Option('', '');
  fileOption.disabled = true;
  fileOption.hidden = true;
  picker.append(fileOption);

  // a real button: a <label> round a hidden input is never reached with Tab
  root.querySelector('[data-action="choose-file"]')!.addEventListener('click', () => fileInput.click());

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) {
      actions.openFile(file);
    }

    // choosing the same file again must fire `change` again
    fileInput.value = '';
  });

  picker.addEventListener('change', () => actions.openDiagram(picker.value));
  root.querySelector('[data-action="export"]')!.addEventListener('click', () => actions.exportXML());
  undoButton.addEventListener('click', () => actions.undo());
  redoButton.addEventListener('click', () => actions.redo());

  return {
    setUndoState(canUndo, canRedo) {
      undoButton.disabled = !canUndo;
      redoButton.disabled = !canRedo;
    },
    setCurrentDiagram(url) {
      if (![ ...picker.options ].some(option => option.value === url)) {
        picker.append(new Option(url.split('/').pop() || url, url));
      }
      picker.value = url;
    },
    setCurrentFile(name) {
      fileOption.text = name;
      fileOption.value = `file:${ name }`;
      fileOption.hidden = false;
      picker.value = fileOption.value;
    },
    setStatus(text, isError = false) {
      status.textContent = text;
      status.classList.toggle('cp-status--error', isError);
    }
  };
}
