import type { BridgeRuntime } from './runtime-port';

/** A redactor over the secrets a request read so far (values learnt later are covered too). */
export function redactorFor(runtime: BridgeRuntime, seen: ReadonlySet<string>): (text: string) => string {
  return text => (seen.size ? runtime.redact(text, [ ...seen ]) : text);
}
