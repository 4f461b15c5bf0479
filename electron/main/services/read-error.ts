/** Why a file could not be read, in the words an operator understands. */
export function readErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return '找不到该文件';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  if (code === 'EBUSY') return '文件正被其他程序占用，请关闭 Excel 或 WPS 后重试';
  if (e instanceof SyntaxError) return '不是有效的 JSON';
  return e instanceof Error ? e.message : String(e);
}
