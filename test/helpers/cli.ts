import type { CliIo } from '../../electron/cli/cli';
import { runCli } from '../../electron/cli/cli';
import { fakeClock } from './workspace';

/**
 * One command line as typed in `dir`, by operator 测试员 on the fixed test clock, with some of its
 * io replaced (a printer): its exit code and what it printed to standard output and error.
 */
export async function runCliIn(
  dir: string,
  argv: string[],
  extra: Partial<CliIo> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
    clock: fakeClock(),
    operator: '测试员',
    ...extra,
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
