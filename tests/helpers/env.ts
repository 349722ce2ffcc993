/**
 * The environment for child package managers, git and pre-commit started by tests: the
 * inherited one without the npm/pnpm settings that `pnpm test` exports (npm_config_*,
 * npm_package_*, pnpm's own) and without GIT_* variables, so that a child behaves as it does
 * for a user in a fresh shell.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|pnpm_|PNPM_|INIT_CWD$|GIT_)/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}
