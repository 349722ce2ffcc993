// Bundled alone as dist/chunks/yaml.cjs for yaml-lazy.ts.
export * from 'yaml';
