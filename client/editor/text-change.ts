/**
 * The smallest single replacement turning `from` into `to`: common prefix and suffix
 * are left alone, so an external change (undo, import) moves the cursor only when it
 * sat inside the changed span.
 */
export function minimalChange(from: string, to: string): { from: number; to: number; insert: string } | null {
  if (from === to) {
    return null;
  }

  const limit = Math.min(from.length, to.length);
  let prefix = 0;

  while (prefix < limit && from.charCodeAt(prefix) === to.charCodeAt(prefix)) {
    prefix++;
  }

  let suffix = 0;

  while (
    suffix < limit - prefix &&
    from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)
  ) {
    suffix++;
  }

  return {
    from: prefix,
    to: from.length - suffix,
    insert: to.slice(prefix, to.length - suffix)
  };
}
