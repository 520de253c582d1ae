/** A piece of a runtime message: plain text, or a `code` span written between backticks. */
export interface MessagePart {
  text: string;
  code: boolean;
}

/**
 * Splits a runtime message at its backticks (`` expects `max_tokens` ``), so surfaces show
 * code as code instead of raw backticks. An unpaired backtick stays as it is.
 */
export function splitInlineCode(message: string): MessagePart[] {
  const pieces = message.split('`');

  // an odd count of backticks leaves the last piece unclosed
  const closedBefore = pieces.length % 2 === 1 ? pieces.length : pieces.length - 1;

  return pieces
    .map((text, index) => {
      const code = index % 2 === 1 && index < closedBefore;

      return { text: index % 2 === 1 && !code ? `\`${ text }` : text, code };
    })
    .filter(part => part.text !== '' || part.code);
}

/** {@link splitInlineCode} as DOM: `<code>` elements and text nodes, never parsed HTML. */
export function renderInlineCode(message: string): DocumentFragment {
  const fragment = document.createDocumentFragment();

  for (const part of splitInlineCode(message)) {
    if (part.code) {
      const code = document.createElement('code');
      code.textContent = part.text;
      fragment.append(code);
    } else {
      fragment.append(document.createTextNode(part.text));
    }
  }

  return fragment;
}
