/**
 * Canonical XML for round-trip comparisons. Two documents are "the same" when they have
 * the same canonical tree:
 *
 * - names are expanded to `{namespace URI}local`: whether a file says `bpmn:`, `bpmn2:` or
 *   uses a default namespace does not matter, and xmlns declarations disappear;
 * - attributes are sorted by expanded name (XML gives their order no meaning); values are
 *   compared after parsing (`&#10;` and a newline are the same character);
 * - whitespace-only text between elements (indentation) is dropped, CDATA is text;
 * - comments and processing instructions are dropped (bpmn-js does not keep them);
 * - the shapes and edges of a BPMNPlane are sorted by the element they draw: their order
 *   is only the paint order, and bpmn-js rewrites it on every import (a task's shape moves
 *   before the flows around it), with or without the plugin.
 *
 * Everything else — every element, attribute, value, text and their order — is compared.
 * Parsing uses the browser's namespace-aware DOMParser, so no XML library is needed.
 */
import type { Page } from 'playwright-core';

export interface CanonicalElement {
  name: string;
  attributes: Array<[ string, string ]>;
  children: Array<CanonicalElement | string>;
}

/** Parses `xml` in the page and returns its canonical root element. */
export function canonicalize(page: Page, xml: string): Promise<CanonicalElement> {
  return page.evaluate(text => {
    const expand = (node: Element | Attr) => `{${ node.namespaceURI || '' }}${ node.localName }`;

    const walk = (element: Element): CanonicalElement => {
      const attributes = [ ...element.attributes ]
        .filter(attribute => attribute.namespaceURI !== 'http://www.w3.org/2000/xmlns/')
        .map(attribute => [ expand(attribute), attribute.value ] as [ string, string ])
        .sort(([ a ], [ b ]) => (a < b ? -1 : a > b ? 1 : 0));

      const children: Array<CanonicalElement | string> = [];
      let text = '';

      const flushText = () => {
        if (text.trim()) {
          children.push(text);
        }
        text = '';
      };

      for (const child of element.childNodes) {
        if (child.nodeType === Node.ELEMENT_NODE) {
          flushText();
          children.push(walk(child as Element));
        } else if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
          text += child.nodeValue;
        }
      }
      flushText();

      if (expand(element) === '{http://www.omg.org/spec/BPMN/20100524/DI}BPMNPlane') {
        const key = (child: CanonicalElement | string) => typeof child === 'string'
          ? child
          : child.attributes.find(([ name ]) => name === '{}bpmnElement')?.[1] || '';
        children.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      }

      return { name: expand(element), attributes, children };
    };

    const document = new DOMParser().parseFromString(text, 'application/xml');
    const error = document.querySelector('parsererror');
    if (error) {
      throw new Error(`not well-formed XML: ${ error.textContent }`);
    }

    return walk(document.documentElement);
  }, xml);
}

/** The element (anywhere in the tree) whose `id` attribute is `id`. */
export function findById(root: CanonicalElement, id: string): CanonicalElement | undefined {
  if (root.attributes.some(([ name, value ]) => name === '{}id' && value === id)) {
    return root;
  }

  for (const child of root.children) {
    const found = typeof child === 'string' ? undefined : findById(child, id);
    if (found) {
      return found;
    }
  }

  return undefined;
}

/** A copy of the tree with the element of that id replaced by a bare marker of it. */
export function withoutElement(root: CanonicalElement, id: string): CanonicalElement {
  if (root.attributes.some(([ name, value ]) => name === '{}id' && value === id)) {
    return { name: root.name, attributes: [ [ '{}id', id ] ], children: [ '(compared separately)' ] };
  }

  return {
    ...root,
    children: root.children.map(child => (typeof child === 'string' ? child : withoutElement(child, id)))
  };
}

/** One line per element, indented: readable diffs when a comparison fails. */
export function toLines(element: CanonicalElement | string, depth = 0): string[] {
  const indent = '  '.repeat(depth);

  if (typeof element === 'string') {
    return [ `${ indent }"${ element }"` ];
  }

  const attributes = element.attributes.map(([ name, value ]) => ` ${ name }=${ JSON.stringify(value) }`).join('');
  return [ `${ indent }<${ element.name }${ attributes }>`, ...element.children.flatMap(child => toLines(child, depth + 1)) ];
}
