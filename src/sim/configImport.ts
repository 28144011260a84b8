// Importing Envoy, gRPC and resilience4j configuration into a scenario: the page loads this on demand (it brings a
// YAML parser), the CLI's `import` uses it as it is. No engine.
export {
  CONFIG_FORMATS,
  ConfigImportError,
  detectFormat,
  importConfig,
  importReportLines,
  MAX_CONFIG_LENGTH,
  type ConfigFormat,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  type MappedField,
} from './import/index';
