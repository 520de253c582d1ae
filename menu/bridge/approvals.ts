import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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

  // The file is looked at on every request, but read and parsed again only when it changed:
  // a stat is much cheaper than a read, and the bridge asks before every call.
  let cached: { version: string; pairs: TrustedPair[] } | null = null;

  const read = (): TrustedPair[] => {
    const version = versionOf(file);

    if (version !== null && cached?.version === version) {
      return cached.pairs.map(pair => ({ ...pair }));
    }

    cached = null;

    let text: string;

    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        onProblem(error);
      }

      return [];
    }

    let pairs: TrustedPair[];

    try {
      pairs = parseTrustedPairs(text, file);
    } catch (error) {
      onProblem(error);

      return [];
    }

    if (version !== null) {
      cached = { version, pairs: pairs.map(pair => ({ ...pair })) };
    }

    return pairs;
  };

  const write = (pairs: TrustedPair[]) => {
    mkdirSync(path.dirname(file), { recursive: true });

    // whole file or nothing: a crash mid-write must not leave half a list
    const temporary = `${file}.${process.pid}.tmp`;

    writeFileSync(temporary, HEADER + pairs.map(pair => `${formatTrustedPair(pair)}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, file);
    cached = null;
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

/**
 * What tells one state of the file from another without reading it: which file (a rename
 * makes a new one), its size, and when its content and its entry last changed, to the
 * nanosecond. `null` when there is nothing to stat: then the file is read as before.
 */
function versionOf(file: string): string | null {
  try {
    const stats = statSync(file, { bigint: true });

    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return null;
  }
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
