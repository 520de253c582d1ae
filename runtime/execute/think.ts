/**
 * Splits a `<think>…</think>` prefix (DeepSeek R1 and other reasoning models served raw)
 * from the answer, incrementally, so streamed chunks can be labelled as they arrive.
 */

const OPEN = '<think>';
const CLOSE = '</think>';

export interface TextPiece {
  text: string;
  reasoning: boolean;
}

type State = 'undecided' | 'thinking' | 'answering';

export class ThinkSplitter {
  reasoning = '';
  answer = '';

  private state: State = 'undecided';
  private pending = '';
  private trimAnswerStart = false;

  /** Feed the next piece of content; returns what can be labelled so far. */
  push(text: string): TextPiece[] {
    const pieces: TextPiece[] = [];

    this.pending += text;

    if (this.state === 'undecided') {
      const trimmed = this.pending.trimStart();

      if (trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) {
        return pieces;
      }

      if (trimmed.startsWith(OPEN)) {
        this.state = 'thinking';
        this.pending = trimmed.slice(OPEN.length);
      } else {
        this.state = 'answering';
      }
    }

    if (this.state === 'thinking') {
      const end = this.pending.indexOf(CLOSE);

      if (end === -1) {

        // Hold back a tail that may be the start of `</think>` split across chunks.
        const held = partialTagSuffix(this.pending, CLOSE);

        this.emit(pieces, this.pending.slice(0, this.pending.length - held), true);
        this.pending = this.pending.slice(this.pending.length - held);

        return pieces;
      }

      this.emit(pieces, this.pending.slice(0, end), true);
      this.pending = this.pending.slice(end + CLOSE.length);
      this.state = 'answering';
      this.trimAnswerStart = true;
    }

    let answer = this.pending;

    this.pending = '';

    if (this.trimAnswerStart) {
      answer = answer.trimStart();
      this.trimAnswerStart = !answer;
    }

    this.emit(pieces, answer, false);

    return pieces;
  }

  /** The content ended: whatever is held back belongs where the state says. */
  flush(): TextPiece[] {
    const pieces: TextPiece[] = [];

    this.emit(pieces, this.pending, this.state === 'thinking');
    this.pending = '';

    return pieces;
  }

  private emit(pieces: TextPiece[], text: string, reasoning: boolean): void {
    if (!text) {
      return;
    }

    if (reasoning) {
      this.reasoning += text;
    } else {
      this.answer += text;
    }

    pieces.push({ text, reasoning });
  }
}

/**
 * Split a whole answer into its `<think>` prefix and the rest.
 *
 * @returns `reasoning: null` when there is no think block
 */
export function splitThink(content: string): { reasoning: string | null; answer: string } {
  const splitter = new ThinkSplitter();

  splitter.push(content);
  splitter.flush();

  return { reasoning: splitter.reasoning ? splitter.reasoning.trim() : null, answer: splitter.answer };
}

function partialTagSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) {
      return length;
    }
  }

  return 0;
}
