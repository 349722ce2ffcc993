// Bundled alone as dist/chunks/momoa.cjs for momoa-lazy.ts.
export * from '@humanwhocodes/momoa';
