import { secretEnvName } from '../../runtime/config';
import type { SecretSource } from '../../runtime/types';

const VARIABLE_REFERENCE = /^\$\{\s*([A-Za-z_$][\w$]*)\s*\}$/;

/** Where a secret is read from, in parts: `kind` `location` `detail`. */
export interface SecretLocationText {
  kind: string;

  /** The name, path or key itself (shown as code). */
  location: string;
  detail?: string;
}

/**
 * Where the runtime looks for a secret, in the words the panel shows beside the name
 * (design §3). Uses the default locations; the desktop and the worker may override the
 * secrets directory and properties file (CATALYST_SECRETS_DIR, CATALYST_SECRETS_FILE).
 */
export function describeSecretLocation(source: SecretSource, name: string): SecretLocationText {
  const trimmed = name.trim();

  switch (source) {
  case 'env':
    return { kind: 'environment variable', location: secretEnvName(trimmed) };
  case 'file':
    return { kind: 'file', location: `/run/secrets/${trimmed}` };
  case 'properties':
    return { kind: 'key', location: trimmed, detail: 'in catalyst-secrets.properties' };
  case 'variable': {
    const reference = VARIABLE_REFERENCE.exec(trimmed);

    return reference
      ? { kind: 'process variable', location: reference[1] }
      : { kind: 'the literal value', location: trimmed, detail: '(for local servers that ignore the key)' };
  }
  }
}
