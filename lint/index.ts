/**
 * The Catalyst bpmnlint plugin as the Camunda Modeler takes lint rules from a client
 * plugin: `registerClientPlugin(catalystLintRules, 'lintRules.bpmn')`. The Modeler adds
 * `config` to its own configuration and asks `resolver` for what that names; the
 * playground's Problems tab does the same (playground/host/problems-tab.ts).
 */
import { PLUGIN_PACKAGE, recommendedConfig, ruleFactories, type LintConfig, type RuleDefinition } from './rules';

export { PLUGIN_PACKAGE, problemMessage } from './rules';

/** The resolver bpmnlint's Linter asks for rules and configurations by package and name. */
export interface LintResolver {
  resolveRule(pkg: string, ruleName: string): () => RuleDefinition;
  resolveConfig(pkg: string, configName: string): LintConfig;
}

/** A `lintRules.<type>` registration: what to add to the configuration, and how to resolve it. */
export interface LintRulesPlugin {
  config: LintConfig;
  resolver: LintResolver;
}

const CONFIGS: Record<string, LintConfig> = { recommended: recommendedConfig };

/**
 * Resolves `catalyst/*` rules and `plugin:catalyst/*` configurations. Anything else throws,
 * as bpmnlint's resolvers do, so the Modeler's chain of resolvers asks the next one.
 */
export const catalystResolver: LintResolver = {
  resolveRule(pkg, ruleName) {
    const rule = pkg === PLUGIN_PACKAGE ? own(ruleFactories, ruleName) : undefined;

    if (!rule) {
      throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    }

    return rule;
  },

  resolveConfig(pkg, configName) {
    const config = pkg === PLUGIN_PACKAGE ? own(CONFIGS, configName) : undefined;

    if (!config) {
      throw new Error(`unknown config <${pkg}/${configName}>`);
    }

    return config;
  }
};

// `constructor` and the like are not rules
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** What client/index.ts registers as `lintRules.bpmn`: the recommended rules. */
export const catalystLintRules: LintRulesPlugin = {
  config: { extends: 'plugin:catalyst/recommended' },
  resolver: catalystResolver
};
