/**
 * The main module of the packaged plugin (`bpmnlint-plugin-catalyst`, lint/package.mjs):
 * bpmnlint's command line finds `plugin:catalyst/recommended` in `configs` and each rule in
 * the package's rules/<name>.js, which take their factory from `ruleFactories`.
 */
import { recommendedConfig, ruleFactories } from './rules';

export const configs = { recommended: recommendedConfig };

// Not `rules`: bpmnlint takes a `rules` export for a map of paths, not of functions.
export { ruleFactories };
