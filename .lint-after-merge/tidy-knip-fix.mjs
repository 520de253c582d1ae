// Tidies what `knip --fix` leaves behind in the files it changed (knip expects a formatter
// such as Prettier, which this project does not use): a `;` alone where a re-export was,
// `{ a,  }` where a name was, `export {  } from …` where all were.
// Usage: node .lint-after-merge/tidy-knip-fix.mjs <files...>   (e.g. $(git diff --name-only))
import { readFileSync, writeFileSync } from 'node:fs';

const LIST = /\b(export|import)(\s+type)?\s*\{([^{}]*)\}(\s*from\s*'[^']*')?\s*;/g;

for (const file of process.argv.slice(2).filter(name => /\.(ts|tsx|mts|mjs|js)$/.test(name))) {
  const before = readFileSync(file, 'utf8');

  let text = before.replace(LIST, (statement, keyword, type, inside, from) => {
    const names = inside.split(',').map(name => name.trim()).filter(Boolean);

    if (!names.length) {
      return ';';
    }

    const list = inside.includes('\n') && names.length > 1 ? `{\n  ${names.join(',\n  ')}\n}` : `{ ${names.join(', ')} }`;

    return `${keyword}${type || ''} ${list}${from || ''};`;
  });

  // a statement removed whole leaves a lone `;`: drop it, and a blank line it leaves doubled
  const lines = text.split('\n');
  const kept = [];

  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() !== ';') {
      kept.push(lines[index]);
      continue;
    }

    const previousBlank = !kept.length || kept[kept.length - 1].trim() === '';

    while (previousBlank && index + 1 < lines.length && lines[index + 1].trim() === '') {
      index++;
    }
  }

  text = kept.join('\n').replace(/\n+$/, '\n');

  if (text !== before) {
    writeFileSync(file, text);
  }
}
