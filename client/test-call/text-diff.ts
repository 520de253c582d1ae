/** One piece of a word diff: kept in both texts, only in the first (`removed`) or only in the second (`added`). */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Past this many words per side the texts are shown side by side, undiffed: the table grows as their product. */
export const DIFF_WORD_LIMIT = 1500;

/**
 * The word diff of two texts (longest common subsequence over words and what is
 * between them), or `null` when either is too long to diff here.
 */
export function diffWords(before: string, after: string): DiffPart[] | null {
  const a = tokens(before);
  const b = tokens(after);

  if (a.length > DIFF_WORD_LIMIT || b.length > DIFF_WORD_LIMIT) {
    return null;
  }

  // lengths[i][j]: the common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));

  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }

  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];

    if (last?.kind === kind) {
      last.text += text;
    } else {
      parts.push({ kind, text });
    }
  };

  let i = 0;
  let j = 0;

  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      push('removed', a[i++]);
    } else {
      push('added', b[j++]);
    }
  }

  a.slice(i).forEach(token => push('removed', token));
  b.slice(j).forEach(token => push('added', token));

  return parts;
}

/** Words, and what is between them (spaces, punctuation): "Evacuate." and "Evacuate and" share "Evacuate". */
function tokens(text: string): string[] {
  return text.split(/([\p{L}\p{N}_]+)/u).filter(Boolean);
}
