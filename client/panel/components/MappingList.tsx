/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

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
  const { element, id, label, property, defaultText, check, columns, addLabel } = props;

  const catalystTasks = useCatalystTasks();
  const debounceInput = useService('debounceInput');
  const stored = catalystTasks.getProperty(element, property) ?? defaultText;

  const nextRowId = useRef(0);
  const toEdited = (rows: MappingRow[]) => rows.map(row => ({ ...row, rowId: nextRowId.current++ }));

  const [ rows, setRows ] = useState<EditedRow[]>(() => toEdited(parseMappingRows(stored).rows));
  const [ problems, setProblems ] = useState<string[]>(() => storedProblems(stored));

  // the text this list last wrote or showed: a different stored text is an external change
  const shown = useRef(stored);

  useEffect(() => {
    if (stored !== shown.current) {
      shown.current = stored;
      setRows(toEdited(parseMappingRows(stored).rows));
      setProblems(storedProblems(stored));
    }
  }, [ stored ]);

  const write = useMemo(() => debounceInput((text: string) => {
    catalystTasks.setProperty(element, property, text);
  }), [ element, property ]);

  // a pending write belongs to this element; flush it before the entry goes away
  useEffect(() => () => write.flush?.(), [ write ]);

  const change = (next: EditedRow[]) => {
    setRows(next);

    const text = formatMappingRows(next);
    const found = [
      ...rowProblems(next, { key: columns.key, value: columns.value }),
      ...check(text).map(problem => problem.message)
    ];

    setProblems(found);

    if (found.length) {
      write.cancel?.();
    } else {
      shown.current = text;
      write(text);
    }
  };

  const update = (rowId: number, field: 'key' | 'value', value: string) =>
    change(rows.map(row => (row.rowId === rowId ? { ...row, [field]: value } : row)));

  const labelId = `bio-properties-panel-${id}-label`;

  return <div class={ `bio-properties-panel-entry catalyst-mapping ${problems.length ? 'has-error' : ''}` } data-entry-id={ id }>
    <div class="bio-properties-panel-label" id={ labelId }>{ label }</div>
    <div role="group" aria-labelledby={ labelId } class="catalyst-mapping__rows">
      { rows.map((row, index) => <div class="catalyst-mapping__row" key={ row.rowId }>
        <input
          class="bio-properties-panel-input catalyst-mapping__key"
          aria-label={ `${columns.key} ${index + 1}` }
          placeholder={ columns.keyPlaceholder }
          spellcheck={ false }
          title={ row.key }
          value={ row.key }
          onInput={ event => update(row.rowId, 'key', (event.target as HTMLInputElement).value) } />
        <span class="catalyst-mapping__arrow" aria-hidden="true">→</span>
        <input
          class="bio-properties-panel-input catalyst-mapping__value"
          aria-label={ `${columns.value} ${index + 1}` }
          placeholder={ columns.valuePlaceholder }
          spellcheck={ false }
          title={ row.value }
          value={ row.value }
          onInput={ event => update(row.rowId, 'value', (event.target as HTMLInputElement).value) } />
        <button
          type="button"
          class="catalyst-button catalyst-mapping__remove"
          title={ `Remove row ${index + 1}` }
          aria-label={ `Remove ${label.toLowerCase()} row ${index + 1}` }
          onClick={ () => change(rows.filter(each => each.rowId !== row.rowId)) }>×</button>
      </div>) }
    </div>
    <button
      type="button"
      class="catalyst-button catalyst-mapping__add"
      onClick={ () => setRows([ ...rows, ...toEdited([ { key: '', value: '' } ]) ]) }>+ { addLabel }</button>
    { problems.length > 0 && <div class="bio-properties-panel-error" role="alert">
      { problems.map(problem => <div key={ problem }>{ problem }</div>) }
    </div> }
  </div>;
}

function storedProblems(text: string): string[] {
  const { problem } = parseMappingRows(text);

  return problem ? [ problem ] : [];
}
