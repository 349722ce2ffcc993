/** Everything `main` touches outside itself, so that it can run in-process under test. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /**
   * A promise when standard output holds written text it could not pass on yet (a pipe whose
   * reader is slower than the run): the run awaits it before writing more. Absent or undefined:
   * everything written has been taken.
   */
  stdoutDrained?: () => Promise<unknown> | undefined;
  /** Reads all of standard input (for --stdin); absent: standard input is empty. */
  readStdin?: () => Promise<Uint8Array>;
}
