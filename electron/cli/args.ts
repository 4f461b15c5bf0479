/** The command line's arguments: parsing, required options, output paths, exit codes. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './cli';

/** Exit codes: 0 done; 1 the input was refused (nothing written); 2 usage error; 3 internal error. */
export const EXIT = { done: 0, refused: 1, usage: 2, internal: 3 } as const;

export class UsageError extends Error {}

export type Opts = Record<string, string | boolean | undefined>;

export function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Opts, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(
      (e as Error).message.replace(/^Unknown option/, '未知选项').replace(/^Option/, '选项'),
    );
  }
}

export const str = (o: Opts, k: string): string | undefined =>
  typeof o[k] === 'string' ? (o[k] as string) : undefined;

export function need(o: Opts, k: string, what: string): string {
  const v = str(o, k);
  if (v === undefined || v === '') throw new UsageError(`缺少 --${k}（${what}）`);
  return v;
}

/** An output file must be writable before any work is stored: a bad path is a usage error. */
export function checkOutput(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`无法写入 ${file}：文件夹 ${dir} 不存在`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`无法写入 ${file}：没有写入文件夹 ${dir} 的权限`);
  }
}

/** A path as typed, resolved against the folder the command was typed in. */
export type PathOf = (p: string) => string;

/** One command (the words after its name): parses its arguments, does its work, returns the exit code. */
export type Command = (args: string[], io: CliIo, path: PathOf) => Promise<number>;
