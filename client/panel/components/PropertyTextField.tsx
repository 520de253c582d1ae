/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { TextAreaEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { ComponentChildren } from '@bpmn-io/properties-panel/preact';

import type { TaskConfig, TaskProperties } from '../../../runtime/types';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate } from '../hooks/useTranslate';
import { propertiesKey as keyOf, resolvedConfig } from '../derived';
import { propertyProblem } from '../property-problem';
import { withTaskFindings } from './TaskFindingList';

/** A check beyond the runtime's configuration rules; returns an error message or nothing. */
type ExtraCheck = (value: string, properties: TaskProperties) => string | undefined;

export interface PropertyTextFieldProps {
  element: any;
  id: string;
  label: string;

  /** The `catalyst.*` property the field edits. */
  property: string;
  description?: ComponentChildren;

  /** Shown while the field holds input; an absent property shows its default instead. */
  placeholder?: string;

  /** Must keep its identity across renders (define it at module level). */
  check?: ExtraCheck;

  /**
   * What an emptied field writes: `undefined` removes the property (the runtime
   * default applies), `''` keeps it empty (e.g. an auth prefix that must stay empty).
   */
  emptyValue?: '' | undefined;

  /**
   * A value that wraps onto further lines instead of scrolling out of a narrow panel
   * (an endpoint URL); line breaks typed or pasted into it are dropped.
   */
  wrap?: boolean;
}

/**
 * A text field bound to one `catalyst.*` property, validated by the runtime's own
 * configuration rules (what the worker would reject). Invalid input shows its error
 * and is never written, so the XML keeps the last valid value.
 *
 * An absent property is not an empty one: the runtime gives it the provider's default, so
 * the field shows that default as its placeholder and no error, while a property that is
 * present but empty is checked (and refused) as such.
 */
export function PropertyTextField(props: PropertyTextFieldProps) {
  const { element, id, label, property, description, placeholder, check, emptyValue, wrap } = props;

  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const debounce = useService('debounceInput');
  const properties = catalystTasks.getProperties(element);
  const absent = properties[property] === undefined;

  // The entry re-validates whenever `validate` changes identity; keying it on the stored
  // properties keeps an error for typed (unwritten) input visible until the diagram changes.
  const propertiesKey = keyOf(properties);
  const validate = useMemo(() => (typed: string | undefined) => {
    const value = wrap ? oneLine(typed) : typed;

    // The entry validates the stored value on every render; an absent one stays absent.
    const next = absent && !value ? properties : withValue(properties, property, value === undefined ? emptyValue : value);

    const problem = propertyProblem(next, property) ?? (value ? check?.(value, next) : undefined);

    return problem && translate(problem);
  }, [ propertiesKey, property, emptyValue, check, wrap ]);

  const fallback = absent ? defaultText(properties, property) : undefined;

  const setValue = (typed: string | undefined, error?: string | null) => {
    if (error) {
      return;
    }

    const value = wrap ? oneLine(typed) : typed;

    catalystTasks.setProperty(element, property, value === undefined ? emptyValue : value);
  };

  const Entry = wrap ? TextAreaEntry : TextFieldEntry;

  // the text area grows by CSS (field-sizing), not by measuring itself on every render:
  // in a large diagram a forced layout per field made selecting a task twice as slow
  return <Entry
    autoResize={ false }
    rows={ 1 }
    element={ element }
    id={ id }
    label={ label }
    description={ withTaskFindings(description, properties, property) }
    placeholder={ fallback || placeholder }
    getValue={ () => catalystTasks.getProperty(element, property) }
    setValue={ setValue }
    validate={ validate }
    debounce={ debounce }
  />;
}

function oneLine(value: string | undefined): string | undefined {
  return value?.replace(/\s*[\r\n]+\s*/g, '');
}

// The value the runtime gives an absent property, as the field would show it.
function defaultText(properties: TaskProperties, property: string): string | undefined {
  const key = property.replace(/^catalyst\./, '') as keyof TaskConfig;
  const value = resolvedConfig(properties)[key];

  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function withValue(properties: TaskProperties, property: string, value: string | undefined): TaskProperties {
  const next = { ...properties };

  if (value === undefined) {
    delete next[property];
  } else {
    next[property] = value;
  }

  return next;
}
