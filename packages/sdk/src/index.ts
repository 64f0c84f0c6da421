/**
 * @packageDocumentation
 * Typed builders for every Argo Workflows object and the ML `pipeline()` layer, the compiler to CRDs,
 * YAML in and out, and the linter.
 */

export { ManifestParseError, parseYamlDocuments } from './yaml/parse.js';
