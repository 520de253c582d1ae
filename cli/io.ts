/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;

  /** For tests; default globalThis.fetch. */
  fetch?: typeof fetch;
}

/** The real process: stdout, stderr, environment and working directory. */
export function processIO(): CliIO {
  return {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd()
  };
}
