import type { ChatRequest } from './request';

/**
 * A curl command that repeats the request from a POSIX shell. The key is written as
 * `$ENV_NAME` inside double quotes so the shell fills it in; the secret never enters the text.
 *
 * @param secretEnvName environment variable the user keeps the key in, e.g. `GROQ_API_KEY`
 */
export function toCurl(request: ChatRequest, secretEnvName: string): string {
  const lines = [ `curl -sS${request.stream ? ' -N' : ''} -X POST ${shellQuote(request.url)}` ];
  const authHeader = request.auth?.header.toLowerCase();

  for (const [ name, value ] of Object.entries(request.headers)) {
    if (name.toLowerCase() === authHeader) {
      continue;
    }

    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }

  if (request.auth) {
    const variable = '$' + (secretEnvName.replace(/[^A-Za-z0-9_]/g, '_') || 'API_KEY');
    const prefix = request.auth.prefix.trim();
    const literal = `${request.auth.header}: ${prefix ? `${prefix} ` : ''}`;

    lines.push(`-H "${escapeForDoubleQuotes(literal)}${variable}"`);
  }

  lines.push(`--data-raw ${shellQuote(request.body)}`);

  return lines.join(' \\\n  ');
}

/** Single quotes keep everything literal; a single quote itself is closed, escaped, reopened. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, '\'\\\'\'')}'`;
}

function escapeForDoubleQuotes(text: string): string {
  return text.replace(/[\\"$`]/g, match => `\\${match}`);
}
