import { RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

import { parseTemplate, type JsonNode } from '../../runtime/template';

const mark = {
  key: Decoration.mark({ class: 'catalyst-json-key' }),
  string: Decoration.mark({ class: 'catalyst-json-string' }),
  number: Decoration.mark({ class: 'catalyst-json-number' }),
  literal: Decoration.mark({ class: 'catalyst-json-literal' }),
  placeholder: Decoration.mark({ class: 'catalyst-json-placeholder' })
};

type Mark = { from: number; to: number; decoration: Decoration };

/**
 * JSON highlighting from the runtime's own template parser rather than a grammar: it
 * knows `${…}` placeholders (as whole values and inside strings), which a JSON grammar
 * would flag, and it keeps the lezer parser out of the plugin bundle.
 */
export function jsonHighlighting(): Extension {
  return ViewPlugin.fromClass(class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = highlight(view.state.doc.toString());
    }

    update(update: ViewUpdate) {
      if (update.docChanged) {
        this.decorations = highlight(update.state.doc.toString());
      }
    }
  }, { decorations: plugin => plugin.decorations });
}

function highlight(text: string): DecorationSet {
  const marks: Mark[] = [];
  const { root } = parseTemplate(text);

  if (root) {
    collect(root, marks);
  }

  marks.sort((a, b) => a.from - b.from || a.to - b.to);

  const builder = new RangeSetBuilder<Decoration>();

  for (const { from, to, decoration } of marks) {
    if (to > from) {
      builder.add(from, to, decoration);
    }
  }

  return builder.finish();
}

function collect(node: JsonNode, marks: Mark[], decoration = mark.string): void {
  switch (node.kind) {
  case 'object':
    for (const member of node.members) {
      collect(member.key, marks, mark.key);

      if (member.value) {
        collect(member.value, marks);
      }
    }
    break;
  case 'array':
    node.items.forEach(item => collect(item, marks));
    break;
  case 'string':
    stringMarks(node.from, node.to, node.placeholders, decoration, marks);
    break;
  case 'number':
    marks.push({ from: node.from, to: node.to, decoration: mark.number });
    break;
  case 'boolean':
  case 'null':
    marks.push({ from: node.from, to: node.to, decoration: mark.literal });
    break;
  case 'placeholder':
    marks.push({ from: node.from, to: node.to, decoration: mark.placeholder });
    break;
  }
}

/** A string's text around its placeholders, and each placeholder on its own (marks must not overlap). */
function stringMarks(from: number, to: number, placeholders: ReadonlyArray<{ from: number; to: number }>, decoration: Decoration, marks: Mark[]) {
  let position = from;

  for (const placeholder of placeholders) {
    marks.push({ from: position, to: placeholder.from, decoration });
    marks.push({ from: placeholder.from, to: placeholder.to, decoration: mark.placeholder });
    position = placeholder.to;
  }

  marks.push({ from: position, to, decoration });
}
