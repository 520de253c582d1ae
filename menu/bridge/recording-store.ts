import type { SecretStore } from '../../runtime/types';

/** A secret store that remembers every value it handed out, so answers can be redacted. */
export interface RecordingSecretStore extends SecretStore {
  readonly seen: ReadonlySet<string>;
}

/**
 * Wraps `store` for one request. The runtime already redacts its results; the bridge
 * redacts again with the values actually read, because a secret reaching the renderer
 * is the one failure the bridge must never have.
 */
export function recordSecrets(store: SecretStore): RecordingSecretStore {
  const seen = new Set<string>();

  return {
    seen,
    locate: (source, name) => store.locate(source, name),
    async read(source, name) {
      const value = await store.read(source, name);

      if (value) {
        seen.add(value);
      }

      return value;
    }
  };
}
