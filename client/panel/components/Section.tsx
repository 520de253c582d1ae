/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useErrors, useEvent, useLayoutState } from '@bpmn-io/properties-panel';
import { createElement } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

import type { EntryDefinition } from '../entry';

export interface SectionProps {
  element: any;
  id: string;

  /** Untranslated; the section translates it. */
  label: string;
  entries: EntryDefinition[];
}

/**
 * A part of the Catalyst group under a header that opens and closes it, like the panel's
 * own groups. A closed section renders none of its entries, so a user who keeps, say,
 * Errors & retries closed pays for none of it on the next selection. Open or closed is
 * layout state: it stays for the next task and, in the Modeler, for the next session.
 */
export function Section({ element, id, label, entries }: SectionProps) {
  const translate = useService('translate');
  const [ open, setOpen ] = useLayoutState([ 'catalystSections', id, 'open' ], true);
  const errors = useErrors();
  const hasErrors = entries.some(entry => errors[entry.id]);
  const headerId = `${id}-header`;
  const bodyId = `${id}-body`;

  // "show this entry" (the Modeler's problems list) must reach entries of a closed section
  useEvent('propertiesPanel.showEntry', (event: { id: string }) => {
    if (!open && entries.some(entry => entry.id === event.id)) {
      setOpen(true);
    }
  });

  return <div class={ `catalyst-section ${open ? 'catalyst-section--open' : ''}` } data-entry-id={ id }>
    <h3 class="catalyst-section__header" id={ headerId }>
      <button
        type="button"
        class="catalyst-section__toggle"
        aria-expanded={ open ? 'true' : 'false' }
        aria-controls={ bodyId }
        onClick={ () => setOpen(!open) }>
        <span class="catalyst-section__arrow" aria-hidden="true" />
        <span class="catalyst-section__label">{ translate(label) }</span>
        { hasErrors && <span class="catalyst-section__problem" title={ translate('Section contains an error') }>
          <span class="catalyst-visually-hidden">{ translate('(has an error)') }</span>
        </span> }
      </button>
    </h3>
    <div class="catalyst-section__body" id={ bodyId } role="group" aria-labelledby={ headerId } hidden={ !open }>
      { open && entries.map(entry => createElement(entry.component, { ...entry, element, key: entry.id })) }
    </div>
  </div>;
}

/**
 * Whether a section holds an edited entry, for the group's "contains edits" dot. The group
 * hands over the section's first input; the section's entries are looked up from there.
 */
export function isSectionEdited(entries: readonly EntryDefinition[]): (node: HTMLElement | null) => boolean {
  return node => {
    const section = node?.closest('.catalyst-section');

    return !!section && entries.some(entry => {
      const entryNode = section.querySelector(`[data-entry-id="${entry.id}"]`);

      return !!entryNode && !!entry.isEdited?.(entryNode.querySelector<HTMLElement>('.bio-properties-panel-input'));
    });
  };
}
