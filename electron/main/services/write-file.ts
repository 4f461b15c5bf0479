import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Why a file could not be written, in the words an operator understands. */
export function writeErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return '文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有写入权限';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  if (code === 'EBUSY') return '文件正被其他程序打开，请关闭 Excel 或 WPS 后重试';
  if (code === 'ENOSPC') return '磁盘空间不足';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes a file whole or not at all: the bytes go to a hidden file beside it, which then takes the
 * file's name, so a crash or a full disk never leaves half a workbook under the real name.
 */
export async function writeFileWhole(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
