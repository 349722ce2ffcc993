import { main, type CliIo } from '../../src/main.js';

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's main() in process with a fake io that captures stdout and stderr. */
export async function runMain(argv: string[], cwd: string, env: CliIo['env'] = {}): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    env,
    stdoutIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
