/** `appraisal init 工作区.db`: a new workspace file, or an existing one upgraded to this version. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../main/db/open';
import type { Command } from './args';
import { EXIT, UsageError, parse } from './args';

export const initCommand: Command = async (args, io, path) => {
  const { positionals } = parse(args, {});
  const file = positionals[0];
  if (!file) throw new UsageError('缺少工作区文件名');
  const existed = existsSync(path(file));
  const { openDatabase } = await import('../main/db/open');
  let db: Db;
  try {
    mkdirSync(dirname(path(file)), { recursive: true });
    db = openDatabase(path(file));
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.refused;
  }
  const version = db.pragma('user_version', { simple: true });
  db.close();
  io.out(
    existed
      ? `工作区 ${file} 已存在，已检查并升级到结构版本 ${version}`
      : `已建立工作区 ${file}（结构版本 ${version}）`,
  );
  return EXIT.done;
};
