// Collapses the folder barrels this branch removed: every `import … from '<folder>'` (or
// `export … from`) of one of them becomes imports from the modules that define the names.
// Run from the repository root after merging: node .lint-after-merge/collapse-barrels.mjs
// Then `npx tsc -p tsconfig.json` names anything it could not place.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// barrel folder → exported name → module (repository path, no extension), as the barrels were
const BARRELS =
{
  'client/editor': {
    PayloadEditor: 'client/editor/payload-editor',
    PayloadEditorOptions: 'client/editor/payload-editor',
    variableCompletion: 'client/editor/completion-source',
    VariableOption: 'client/editor/completion-source',
    toEditorDiagnostics: 'client/editor/lint-source',
    minimalChange: 'client/editor/text-change',
    renderInlineCode: 'client/editor/inline-code',
    splitInlineCode: 'client/editor/inline-code',
    MessagePart: 'client/editor/inline-code',
    schemaKeywordCompletion: 'client/editor/schema-completion'
  },
  'menu/bridge/check': {
    diagnoseConnection: 'menu/bridge/check/diagnose',
    DiagnoseOptions: 'menu/bridge/check/diagnose',
    diagnoseChatUrl: 'menu/bridge/check/url-shape',
    hasVersionSegment: 'menu/bridge/check/url-shape'
  },
  'runtime/bpmn': {
    readCatalystTasks: 'runtime/bpmn/read',
    CatalystTask: 'runtime/bpmn/read',
    CatalystDiagram: 'runtime/bpmn/read',
    BpmnWarning: 'runtime/bpmn/read',
    describeImportError: 'runtime/bpmn/import-error'
  },
  'runtime/catalog': {
    providers: 'runtime/catalog/providers',
    getProvider: 'runtime/catalog/providers',
    requireProvider: 'runtime/catalog/providers',
    chatUrl: 'runtime/catalog/urls',
    modelsUrl: 'runtime/catalog/urls'
  },
  'runtime/node': {
    createNodeSecretStore: 'runtime/node/secret-store',
    DEFAULT_SECRETS_DIR: 'runtime/node/secret-store',
    DEFAULT_SECRETS_FILE: 'runtime/node/secret-store',
    NodeSecretStoreOptions: 'runtime/node/secret-store',
    parseProperties: 'runtime/node/properties'
  },
  'runtime/models': {
    listModels: 'runtime/models/list-models',
    ModelsTarget: 'runtime/models/list-models',
    ListModelsOptions: 'runtime/models/list-models',
    parseModels: 'runtime/models/parse-models',
    looksLikeChatModel: 'runtime/models/chat-capable'
  },
  'client/panel/properties': {
    MakeCatalystProps: 'client/panel/properties/MakeCatalystProps',
    ProviderProps: 'client/panel/properties/ProviderProps',
    ModelProps: 'client/panel/properties/ModelProps',
    EndpointProps: 'client/panel/properties/EndpointProps',
    AuthProps: 'client/panel/properties/AuthProps',
    authChanges: 'client/panel/properties/AuthProps',
    SecretProps: 'client/panel/properties/SecretProps',
    PayloadProps: 'client/panel/properties/PayloadProps',
    ResponseMappingProps: 'client/panel/properties/MappingProps',
    ErrorMappingProps: 'client/panel/properties/MappingProps',
    TimeoutProps: 'client/panel/properties/TimeoutProps',
    RetriesProps: 'client/panel/properties/RetriesProps',
    ResponseFormatProps: 'client/panel/properties/ResponseFormatProps',
    InvalidResponseProps: 'client/panel/properties/ResponseFormatProps'
  }
};
const STATEMENT = /\b(import|export)(\s+type)?\s*\{([^{}]*)\}\s*from\s*'(\.[^']*)';/g;

const files = execSync('git ls-files', { encoding: 'utf8' })
  .split('\n')
  .filter(file => /\.(ts|tsx|mts|mjs|js)$/.test(file) && !file.startsWith('.lint-after-merge/'));

let changed = 0;

for (const file of files) {
  const before = readFileSync(file, 'utf8');

  const after = before.replace(STATEMENT, (statement, keyword, type, inside, specifier) => {
    const target = path.posix.join(path.posix.dirname(file), specifier).replace(/(\/index)?(\.[jt]s)?$/, '');
    const barrel = BARRELS[target];

    if (!barrel) {
      return statement;
    }

    const byModule = new Map();

    for (const item of inside.split(',').map(name => name.trim()).filter(Boolean)) {
      const name = item.replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      const module = barrel[name];

      if (!module) {
        console.warn(`${file}: ${name} is not one of ${target}'s names; left as it was`);

        return statement;
      }

      byModule.set(module, [ ...(byModule.get(module) || []), item ]);
    }

    return [ ...byModule ].map(([ module, items ]) => {
      let relative = path.posix.relative(path.posix.dirname(file), module);

      if (!relative.startsWith('.')) {
        relative = `./${relative}`;
      }

      return `${keyword}${type || ''} { ${items.join(', ')} } from '${relative}';`;
    }).join('\n');
  });

  if (after !== before) {
    writeFileSync(file, after);
    changed++;
  }
}

console.log(`collapse-barrels: ${changed} files rewritten`);
