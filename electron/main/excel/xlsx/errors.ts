/**
 * "I don't understand this file: use exceljs instead." Thrown for anything the reader cannot
 * reproduce exactly as exceljs reads it (an odd zip, an odd XML construct, a value exceljs would
 * turn into something surprising); the caller then reads the file with exceljs, which gives
 * today's answer or today's refusal. The message is in English, for logs.
 */
export class XlsxUnsupported extends Error {
  override name = 'XlsxUnsupported';
}

/** Throws XlsxUnsupported; an expression, so that `cond || unsupported('…')` reads as a check. */
export function unsupported(message: string): never {
  throw new XlsxUnsupported(message);
}
