import type { ExecutionResult } from '../types';

/**
 * Total tokens the provider reported: `usage.total_tokens`, else prompt plus completion
 * tokens; for a streamed answer, the last `usage` among its events. `null` when none.
 */
export function tokensUsed(result: ExecutionResult): number | null {
  const body = result.response?.body;

  if (!body) {
    return null;
  }

  try {
    return usageTokens(JSON.parse(body));
  } catch {

    // a streamed answer: server-sent events
  }

  let found: number | null = null;

  for (const line of body.split('\n')) {
    const data = /^data:\s*(\{.*\})\s*$/.exec(line);

    if (data) {
      try {
        found = usageTokens(JSON.parse(data[1])) ?? found;
      } catch {

        // not JSON: not usage
      }
    }
  }

  return found;
}

function usageTokens(json: unknown): number | null {
  const usage = (json as { usage?: Record<string, unknown> } | null)?.usage;

  if (!usage || typeof usage !== 'object') {
    return null;
  }

  if (typeof usage.total_tokens === 'number') {
    return usage.total_tokens;
  }

  const prompt = usage.prompt_tokens;
  const completion = usage.completion_tokens;

  return typeof prompt === 'number' && typeof completion === 'number' ? prompt + completion : null;
}
