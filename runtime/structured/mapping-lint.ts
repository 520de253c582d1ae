/**
 * Lint of response-mapping paths against what the payload asks for (design §5.7): a path
 * that reads the answer as JSON (`#`) while the payload asks for text, and a path into a
 * property the task's schema does not have. Warnings: the runtime still runs such a task.
 */
import { closestName } from '../template/closest-name';
import { formatPath, isDecodeStep, parsePath, type PathStep } from '../mapping/path';
import { ANSWER_CONTENT_PATH } from './answer-path';
import { readPayloadFormat } from './format';
import { schemaPaths } from './schema-paths';

export interface StructuredMappingProblem {

  /** The variable whose path is at fault. */
  key: string;
  message: string;
}


/** Warnings for the `#` paths of `mapping` (variable → path) given the payload template. */
export function lintStructuredMapping(mapping: Record<string, unknown>, payload: string): StructuredMappingProblem[] {
  const format = readPayloadFormat(payload);
  const known = format.schema ? new Set(schemaPaths(format.schema).map(entry => entry.path)) : null;
  const problems: StructuredMappingProblem[] = [];

  for (const [ key, path ] of Object.entries(mapping)) {
    const steps = stepsOf(path);
    const decode = steps?.findIndex(isDecodeStep) ?? -1;

    if (!steps || decode === -1 || formatPath(steps.slice(0, decode)) !== ANSWER_CONTENT_PATH) {
      continue;
    }

    if (format.kind === 'text') {
      problems.push({ key, message: `${key} reads the answer as JSON (\`#\`), but the payload asks for text; choose a response format (JSON or JSON with schema) so the model answers JSON` });
      continue;
    }

    const inner = steps.slice(decode + 1);
    const next = inner.findIndex(isDecodeStep);
    const property = schemaPath(next === -1 ? inner : inner.slice(0, next));

    if (known && property && !known.has(property)) {
      const suggestion = closestName(property, known);

      problems.push({ key, message: `${key}: the task's schema has no \`${property}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}` });
    }
  }

  return problems;
}

function stepsOf(path: unknown): PathStep[] | null {
  if (typeof path !== 'string' || !path.includes('#')) {
    return null;
  }

  try {
    return parsePath(path);
  } catch {
    return null;
  }
}

/** The path inside the answer as schemaPaths writes it: every index as `[0]`. */
function schemaPath(steps: PathStep[]): string {
  return formatPath(steps.map(step => (typeof step === 'number' ? 0 : step)));
}
