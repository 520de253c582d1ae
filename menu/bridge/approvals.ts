import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { formatTrustedPair, parseTrustedPairs, sameSecret, type TrustedPair } from '../../runtime/secrets/trust';

/** The (secret name, host) pairs the user approved, read fresh on every use. */
export interface ApprovalStore {

  /** Where they are kept, for messages; `null` for a store in memory. */
  readonly file: string | null;
  list(): TrustedPair[];
  add(pair: TrustedPair): void;

  /** `false` when the pair was not approved. */
  remove(pair: TrustedPair): boolean;
}

const HEADER = [
  '# Hosts you allowed Catalyst to send a key to, one secret_name=host a line.',
  '# Written when you answer "Send" in the Modeler\'s question; delete a line to revoke it',
  '# (takes effect at the next request, no restart). Keys themselves are never in this file.',
  ''
].join('\n');

/**
 * Approvals kept in a text file (`secret_name=host` lines, the syntax of `catalyst --trust`).
 * Read at each request, so an edit by hand counts at once. A file that cannot be read or
 * parsed counts as no approvals: failing closed sends no key anywhere new.
 */
export function fileApprovalStore(file: string, onProblem: (error: unknown) => void = () => undefined): ApprovalStore {
  const read = (): TrustedPair[] => {
    let text: string;

    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        onProblem(error);
      }

      return [];
    }

    try {
      return parseTrustedPairs(text, file);
    } catch (error) {
      onProblem(error);

      return [];
    }
  };

  const write = (pairs: TrustedPair[]) => {
    mkdirSync(path.dirname(file), { recursive: true });

    // whole file or nothing: a crash mid-write must not leave half a list
    const temporary = `${file}.${process.pid}.tmp`;

    writeFileSync(temporary, HEADER + pairs.map(pair => `${formatTrustedPair(pair)}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, file);
  };

  return {
    file,
    list: read,
    add(pair) {
      const pairs = read();

      if (!pairs.some(each => samePair(each, pair))) {
        write([ ...pairs, pair ]);
      }
    },
    remove(pair) {
      const pairs = read();
      const kept = pairs.filter(each => !samePair(each, pair));

      if (kept.length === pairs.length) {
        return false;
      }

      write(kept);

      return true;
    }
  };
}

/** Approvals for this run only (a bridge without an approvals file: tests, a page host). */
export function memoryApprovalStore(initial: TrustedPair[] = []): ApprovalStore {
  let pairs = [ ...initial ];

  return {
    file: null,
    list: () => [ ...pairs ],
    add(pair) {
      if (!pairs.some(each => samePair(each, pair))) {
        pairs.push(pair);
      }
    },
    remove(pair) {
      const before = pairs.length;

      pairs = pairs.filter(each => !samePair(each, pair));

      return pairs.length !== before;
    }
  };
}

function samePair(a: TrustedPair, b: TrustedPair): boolean {
  return sameSecret(a.secret, b.secret) && a.host === b.host.toLowerCase();
}
