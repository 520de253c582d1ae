/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { LayoutContext, useErrors, useLayoutState } from '@bpmn-io/properties-panel';
import { createElement } from '@bpmn-io/properties-panel/preact';
import { useContext, useLayoutEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { EntryDefinition } from '../entry';
import { useShowEntryRequests } from '../hooks/useShowEntryRequests';
import { whenIdle } from '../when-idle';

/** How far below the visible part of the panel a section still renders at once, in px. */
const NEAR_VIEW_PX = 120;

/**
 * Each section's body height when it last showed, if it then started below the visible
 * part of the panel: such a section likely does so again, and its body, rendered later,
 * keeps its place meanwhile.
 */
const heightsBelowView = new Map<string, number>();

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
 *
 * An open section below the visible part of the panel renders its entries once the browser
 * is idle after the panel painted (within a few hundred ms), holding its last height until
 * then, so selecting a task pays only for what shows. A section renders at once the first
 * time and whenever it was in view the last time; one that is in view now after all renders
 * a frame later. Where sections end up is learnt from the browser's layout of the painted
 * panel (an IntersectionObserver), never by asking for a layout of its own.
 */
export function Section({ element, id, label, entries }: SectionProps) {
  const translate = useService('translate');
  const [ open, setOpen ] = useLayoutState([ 'catalystSections', id, 'open' ], true);
  const errors = useErrors();
  const hasErrors = entries.some(entry => errors[entry.id]);
  const headerId = `${id}-header`;
  const bodyId = `${id}-body`;

  // "show this entry" (the Modeler's problems list) must reach entries of a closed section
  useShowEntryRequests(entryId => {
    if (!open && entries.some(entry => entry.id === entryId)) {
      setOpen(true);
    }
  });

  // The group renders again for its own state (the "edited" dot a frame after it showed,
  // stickiness, errors) with the same entries: then the entries need not, neither through
  // new elements nor through the layout context the group hands down afresh each time.
  const layout = useSameObject(useContext(LayoutContext));
  const body = useMemo(
    () => open && entries.map(entry => createElement(entry.component, { ...entry, element, key: entry.id })),
    [ open, entries, element ]
  );

  const sectionNode = useRef<HTMLDivElement>(null);
  const bodyNode = useRef<HTMLDivElement>(null);
  const [ deferred, setDeferred ] = useState(() => heightsBelowView.has(id));

  // A section held back renders once the browser is idle, or as soon as the browser's layout
  // of the painted panel shows it in view after all (a shorter section above it): a frame
  // late then, rather than a layout of its own before the first paint.
  useLayoutEffect(() => {
    if (!deferred) {
      return;
    }

    const cancelIdle = whenIdle(() => setDeferred(false));
    const stopWatching = whenInView(sectionNode.current!, () => setDeferred(false));

    return () => {
      cancelIdle();
      stopWatching();
    };
  }, []);

  // Where the body ended up is learnt from the browser's own layout of the painted panel, so
  // learning it costs no layout of its own. Not stopped when the section goes: a user who
  // clicks from task to task leaves each before an idle moment would come, and the answer,
  // taken while the section showed, still holds for the next task.
  useLayoutEffect(() => {
    if (open && !deferred) {
      rememberWhereBodyEnds(id, bodyNode.current!);
    }
  }, [ open, deferred, entries ]);

  const waiting = open && deferred;

  return <div ref={ sectionNode } class={ `catalyst-section ${open ? 'catalyst-section--open' : ''}` } data-entry-id={ id }>
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
    <div
      ref={ bodyNode }
      class="catalyst-section__body"
      id={ bodyId }
      role="group"
      aria-labelledby={ headerId }
      aria-busy={ waiting ? 'true' : undefined }
      hidden={ !open }
      style={ waiting ? { height: `${heightsBelowView.get(id)}px` } : undefined }>
      <LayoutContext.Provider value={ layout }>{ !waiting && body }</LayoutContext.Provider>
    </div>
  </div>;
}

/** Records, once the browser has laid `body` out, whether it starts below the visible part of the panel and its height. */
function rememberWhereBodyEnds(id: string, body: HTMLElement): void {
  const observer = new IntersectionObserver(([ entry ]) => {
    observer.disconnect();

    // a body that was never laid out (gone within the same frame) says nothing
    if (!entry.rootBounds || entry.boundingClientRect.height === 0) {
      return;
    }

    if (entry.boundingClientRect.top > entry.rootBounds.bottom) {
      heightsBelowView.set(id, entry.boundingClientRect.height);
    } else {
      heightsBelowView.delete(id);
    }
  }, nearViewOf(body));

  observer.observe(body);
}

/** Calls `onInView` once `node` is within reach of the visible part of the panel; returns a function that stops watching. */
function whenInView(node: HTMLElement, onInView: () => void): () => void {
  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) {
      observer.disconnect();
      onInView();
    }
  }, nearViewOf(node));

  observer.observe(node);

  return () => observer.disconnect();
}

/** The panel's scrolling area, reaching `NEAR_VIEW_PX` below its bottom, as an observer's root. */
function nearViewOf(node: HTMLElement): IntersectionObserverInit {
  return { root: node.closest('.bio-properties-panel-scroll-container'), rootMargin: `0px 0px ${NEAR_VIEW_PX}px 0px` };
}

/** The object of the last render while every property of `value` is still the same. */
function useSameObject<T extends object>(value: T): T {
  const last = useRef(value);
  const keys = Object.keys(value) as Array<keyof T>;

  if (last.current !== value && (keys.length !== Object.keys(last.current).length || keys.some(key => last.current[key] !== value[key]))) {
    last.current = value;
  }

  return last.current;
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
