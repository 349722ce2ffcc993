// Bundled alone as dist/chunks/yargs.cjs for yargs-lazy.ts.
export { default } from 'yargs';
