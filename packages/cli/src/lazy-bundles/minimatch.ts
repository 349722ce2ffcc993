// Bundled alone as dist/chunks/minimatch.cjs for minimatch-lazy.ts.
export * from 'minimatch';
