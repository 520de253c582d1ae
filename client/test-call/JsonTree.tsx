/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useLayoutEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { responsePath, suggestedVariable, type JsonStep } from './response-path';
import { untranslated, type Translate } from './translate';

export interface JsonTreeProps {
  value: unknown;

  /** Adds `variable → path` to the task's response mapping; returns what to tell the user. */
  onMap(variable: string, path: string): string;
  translate?: Translate;

  /** What paths start with: `choices[0].message.content#` for the parsed answer. */
  basePath?: string;

  /** The tree's accessible name and its root's label. */
  label?: string;
  rootName?: string;
}

/**
 * The response body as a collapsible tree. Clicking a node's name offers to map it to a
 * process variable, with its response path worked out: no path typing, no typos.
 */
export function JsonTree({ value, onMap, basePath = '', label, rootName = 'body', translate = untranslated }: JsonTreeProps) {
  const [ picked, setPicked ] = useState<string | null>(null);

  return <ul class="catalyst-json-tree" role="tree" aria-label={ label ?? translate('Response body') }>
    <JsonNode name={ rootName } base={ basePath } steps={ [] } value={ value } depth={ 0 } picked={ picked } onPick={ setPicked } onMap={ onMap } translate={ translate } />
  </ul>;
}

interface JsonNodeProps {
  name: string;
  base: string;
  steps: JsonStep[];
  value: unknown;
  depth: number;
  picked: string | null;
  onPick(path: string | null): void;
  onMap: JsonTreeProps['onMap'];
  translate: Translate;
}

function JsonNode(props: JsonNodeProps) {
  const { name, base, steps, value, depth, picked, onPick, onMap, translate } = props;
  const children = childrenOf(value);

  // the first levels (choices[0].message) open by themselves: that is where answers are
  const [ open, setOpen ] = useState(depth < 4);
  const path = base + responsePath(steps);
  const isPicked = picked === path && steps.length > 0;

  return <li role="treeitem" aria-expanded={ children ? open : undefined } class="catalyst-json-tree__item">
    <div class="catalyst-json-tree__row">
      { children
        ? <button type="button" class="catalyst-json-tree__toggle" aria-label={ translate(open ? 'Collapse {path}' : 'Expand {path}', { path: path || name }) } onClick={ () => setOpen(!open) }>{ open ? '▾' : '▸' }</button>
        : <span class="catalyst-json-tree__toggle" aria-hidden="true" /> }
      <span class="catalyst-json-tree__name">
        { steps.length
          ? <button type="button" class="catalyst-json-tree__key" title={ translate('Map {path} to a variable', { path }) } onClick={ () => onPick(isPicked ? null : path) }>{ name }</button>
          : <span class="catalyst-json-tree__key catalyst-json-tree__key--root">{ name }</span> }
        <span class="catalyst-json-tree__colon" aria-hidden="true">:</span>
      </span>
      <span class={ `catalyst-json-tree__value catalyst-json-tree__value--${kindOf(value)}` }>{ preview(value, open) }</span>
    </div>
    { isPicked && <MapForm path={ path } suggestion={ suggestedVariable(steps) } onMap={ onMap } translate={ translate } onDone={ () => onPick(null) } /> }
    { children && open && <ul role="group">
      { children.map(([ key, child ]) => <JsonNode
        key={ key }
        name={ typeof key === 'number' ? `[${key}]` : key }
        base={ base }
        steps={ [ ...steps, key ] }
        value={ child }
        depth={ depth + 1 }
        picked={ picked }
        onPick={ onPick }
        onMap={ onMap }
        translate={ translate } />) }
    </ul> }
  </li>;
}

function MapForm({ path, suggestion, onMap, translate, onDone }: { path: string; suggestion: string; onMap: JsonTreeProps['onMap']; translate: Translate; onDone(): void }) {
  const [ variable, setVariable ] = useState(suggestion);
  const [ message, setMessage ] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // the tree scrolls on its own: keep the form and its answer in sight
  useEffect(() => form.current?.scrollIntoView({ block: 'nearest' }), [ message ]);

  // picking a node asks for a name: the name field takes the keyboard, Enter maps it. A
  // layout effect, so that keys typed right after the click land in the field
  useLayoutEffect(() => input.current?.select(), []);

  const submit = (event: Event) => {
    event.preventDefault();
    setMessage(onMap(variable.trim(), path));
  };

  return <form ref={ form } class="catalyst-json-tree__map" onSubmit={ submit }>
    <span>{ withCode(translate('Map {path} to variable'), '{path}', path) }</span>
    <input
      ref={ input }
      class="catalyst-test-call__input"
      aria-label={ translate('Variable for {path}', { path }) }
      value={ variable }
      spellcheck={ false }
      onInput={ event => setVariable((event.target as HTMLInputElement).value) } />
    <button type="submit" class="catalyst-test-call__button">{ translate('Map to variable') }</button>
    <button type="button" class="catalyst-test-call__button catalyst-test-call__button--quiet" onClick={ onDone }>{ translate('Close') }</button>
    { message && <span role="status" class="catalyst-json-tree__mapped">{ message }</span> }
  </form>;
}

/** A translated sentence with `placeholder` shown as code (translate leaves an unfilled `{name}` as is). */
function withCode(sentence: string, placeholder: string, code: string) {
  const at = sentence.indexOf(placeholder);

  if (at === -1) {
    return <>{ sentence } <code>{ code }</code></>;
  }

  return <>{ sentence.slice(0, at) }<code>{ code }</code>{ sentence.slice(at + placeholder.length) }</>;
}

function childrenOf(value: unknown): Array<[ JsonStep, unknown ]> | null {
  if (Array.isArray(value)) {
    return value.map((child, index) => [ index, child ]);
  }

  if (value !== null && typeof value === 'object') {
    return Object.entries(value);
  }

  return null;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const PREVIEW_CHARS = 200;

function preview(value: unknown, open: boolean): string {
  if (Array.isArray(value)) {
    return open ? '' : `[ ${value.length} item${value.length === 1 ? '' : 's'} ]`;
  }

  if (value !== null && typeof value === 'object') {
    return open ? '' : `{ ${Object.keys(value).length} keys }`;
  }

  const text = JSON.stringify(value) ?? String(value);

  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
