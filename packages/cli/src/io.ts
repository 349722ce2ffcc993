/** Everything `main` touches outside itself, so that it can run in-process under test. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /** Reads all of standard input (for --stdin); absent: standard input is empty. */
  readStdin?: () => Promise<Uint8Array>;
}
