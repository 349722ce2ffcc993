/**
 * The `yaml` package bundled alone as dist/chunks/yaml.cjs, which the executables load the first
 * time they parse YAML (yaml-lazy.ts).
 */
export * from 'yaml';
