/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { ComponentChildren } from '@bpmn-io/properties-panel/preact';

import type { MappingProblem } from '../../../runtime/mapping';
import { useCatalystTasks } from '../hooks/useCatalystTasks';

import { formatMappingRows, parseMappingRows, rowProblems, type MappingRow } from './mapping-rows';

export interface MappingListProps {
  element: any;
  id: string;
  label: string;

  /** The `catalyst.*` property holding the mapping's JSON object. */
  property: string;

  /** Shown when the task does not set the property (what the runtime then uses). */
  defaultText: string;

  /** The runtime's check of a mapping text. */
  check: (text: string) => MappingProblem[];
  columns: { key: string; value: string; keyPlaceholder: string; valuePlaceholder: string };
  addLabel: string;

  /** Values offered while typing in the value column (a schema's `#` paths). */
  suggestions?: readonly string[];

  /** Shown under the list, inside the entry (notes that do not block writing). */
  children?: ComponentChildren;
}

interface EditedRow extends MappingRow {
  rowId: number;
}

/**
 * An editable list over a JSON-object property. Every change is checked as typed; only
 * a list without problems is written (one command per pause in typing), so an invalid
 * row shows its error here and never reaches the XML.
 */
export function MappingList(props: MappingListProps) {
  const { element, id, label, property, defaultText, check, columns, addLabel, suggestions, children } = props;

  const catalystTasks = useCatalystTasks();
  const debounceInput = useService('debounceInput');
  const stored = catalystTasks.getProperty(element, property) ?? defaultText;

  const nextRowId = useRef(0);
  const toEdited = (rows: MappingRow[]) => rows.map(row => ({ ...row, rowId: nextRowId.current++ }));

  const [ rows, setRows ] = useState<EditedRow[]>(() => toEdited(parseMappingRows(stored).rows));
  const [ problems, setProblems ] = useState<ListProblems>(() => storedProblems(stored));

  // the text this list last wrote or showed: a different stored text is an external change.
  // The panel reuses this component for the next selected task, so a new element resets the
  // list too: unwritten rows of one task must never show up on (or be written to) another.
  const shown = useRef({ element, text: stored });

  useEffect(() => {
    if (stored !== shown.current.text || element !== shown.current.element) {
      shown.current = { element, text: stored };
      setRows(toEdited(parseMappingRows(stored).rows));
      setProblems(storedProblems(stored));
    }
  }, [ stored, element ]);

  // where the keyboard goes after "+ Add" (the new row's first field) or × (the remove
  // button now in the removed row's place, else "+ Add"): the clicked control may be gone
  const focusNext = useRef<string | null>(null);
  const entryNode = useRef<HTMLDivElement>(null);

  // a layout effect: focused before the next key press, so no typed character gets lost
  useLayoutEffect(() => {
    if (focusNext.current !== null) {
      entryNode.current?.querySelector<HTMLElement>(focusNext.current)?.focus();
      focusNext.current = null;
    }
  }, [ rows ]);

  const write = useMemo(() => debounceInput((text: string) => {
    catalystTasks.setProperty(element, property, text);
  }), [ element, property ]);

  // a pending write belongs to this element; flush it before the entry goes away
  useEffect(() => () => write.flush?.(), [ write ]);

  const change = (next: EditedRow[]) => {
    setRows(next);

    const found = listProblems(next, check, { key: columns.key, value: columns.value });

    setProblems(found);

    if (found.messages.length) {
      write.cancel?.();
    } else {
      const text = formatMappingRows(next);

      shown.current = { element, text };
      write(text);
    }
  };

  const addRow = () => {
    const [ added ] = toEdited([ { key: '', value: '' } ]);

    focusNext.current = `[data-row-id="${added.rowId}"] input`;
    setRows([ ...rows, added ]);
  };

  const removeRow = (index: number) => {
    const next = rows.filter((_, each) => each !== index);
    const successor = next[Math.min(index, next.length - 1)];

    focusNext.current = successor ? `[data-row-id="${successor.rowId}"] .catalyst-mapping__remove` : '.catalyst-mapping__add';
    change(next);
  };

  const update = (rowId: number, field: 'key' | 'value', value: string) =>
    change(rows.map(row => (row.rowId === rowId ? { ...row, [field]: value } : row)));

  const labelId = `bio-properties-panel-${id}-label`;

  const hasError = problems.messages.length > 0;

  // no `has-error` on the entry: the host's CSS would turn every row red, not the faulty ones
  return <div ref={ entryNode } class={ `bio-properties-panel-entry catalyst-mapping ${hasError ? 'catalyst-mapping--invalid' : ''}` } data-entry-id={ id }>
    <div class="bio-properties-panel-label" id={ labelId }>{ label }</div>
    <div role="group" aria-labelledby={ labelId } class="catalyst-mapping__rows">
      { rows.map((row, index) => <div
        class={ `catalyst-mapping__row ${isFaulty(problems, row) ? 'catalyst-mapping__row--invalid' : ''}` }
        key={ row.rowId }
        data-row-id={ row.rowId }>
        <input
          class="bio-properties-panel-input catalyst-mapping__key"
          aria-invalid={ isFaulty(problems, row) || undefined }
          aria-label={ `${columns.key} ${index + 1}` }
          placeholder={ columns.keyPlaceholder }
          spellcheck={ false }
          title={ row.key }
          value={ row.key }
          onInput={ event => update(row.rowId, 'key', (event.target as HTMLInputElement).value) } />
        <span class="catalyst-mapping__arrow" aria-hidden="true">→</span>
        <input
          class="bio-properties-panel-input catalyst-mapping__value"
          aria-invalid={ isFaulty(problems, row) || undefined }
          aria-label={ `${columns.value} ${index + 1}` }
          placeholder={ columns.valuePlaceholder }
          spellcheck={ false }
          title={ row.value }
          value={ row.value }
          list={ suggestions?.length ? `${id}-suggestions` : undefined }
          onInput={ event => update(row.rowId, 'value', (event.target as HTMLInputElement).value) } />
        <button
          type="button"
          class="catalyst-button catalyst-mapping__remove"
          title={ `Remove row ${index + 1}` }
          aria-label={ `Remove ${label.toLowerCase()} row ${index + 1}` }
          onClick={ () => removeRow(index) }>×</button>
      </div>) }
    </div>
    <button
      type="button"
      class="catalyst-button catalyst-mapping__add"
      onClick={ addRow }>+ { addLabel }</button>
    { hasError && <div class="bio-properties-panel-error" role="alert">
      { problems.messages.map(problem => <div key={ problem }>{ problem }</div>) }
    </div> }
    { suggestions?.length ? <datalist id={ `${id}-suggestions` }>
      { suggestions.map(suggestion => <option key={ suggestion } value={ suggestion } />) }
    </datalist> : null }
    { children }
  </div>;
}

/** What is wrong with the list, and which rows it is about (`all` when no single row is). */
interface ListProblems {
  messages: string[];
  faulty: Set<number> | 'all';
}

const NO_PROBLEMS: ListProblems = { messages: [], faulty: new Set() };

function storedProblems(text: string): ListProblems {
  const { problem } = parseMappingRows(text);

  return problem ? { messages: [ problem ], faulty: 'all' } : NO_PROBLEMS;
}

/**
 * The list's own row checks, then the runtime's check of the complete rows: a half-filled
 * row is reported once (by the list), not again by the runtime as an empty path or code.
 */
function listProblems(rows: readonly EditedRow[], check: MappingListProps['check'], names: { key: string; value: string }): ListProblems {
  const faulty = new Set<number>();
  const messages: string[] = [];

  for (const problem of rowProblems(rows, names)) {
    faulty.add(rows[problem.index].rowId);
    messages.push(problem.message);
  }

  const complete = rows.filter(row => row.key.trim() && row.value.trim());
  let wholeList = false;

  for (const problem of check(formatMappingRows(complete))) {
    const rowsOfKey = problem.key === undefined ? [] : complete.filter(row => row.key === problem.key);

    rowsOfKey.forEach(row => faulty.add(row.rowId));
    wholeList ||= !rowsOfKey.length;
    messages.push(problem.message);
  }

  return { messages, faulty: wholeList ? 'all' : faulty };
}

function isFaulty(problems: ListProblems, row: EditedRow): boolean {
  return problems.faulty === 'all' ? problems.messages.length > 0 : problems.faulty.has(row.rowId);
}
