/** A CSV problem: the 1-based line where it starts and what is wrong. */
export interface CsvError {
  line: number;
  /** 0-based field of the line. */
  field: number;
  message: string;
}

/** The delimiter of a CSV: the most frequent of comma, tab and semicolon on its first line (outside quotes). */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  let quoted = false;
  const n = { ',': 0, '\t': 0, ';': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === '\t' || c === ';')) n[c]++;
  }
  return n['\t'] > n[','] && n['\t'] >= n[';'] ? '\t' : n[';'] > n[','] ? ';' : ',';
}

/**
 * Parses CSV as Excel and WPS write it (RFC 4180): fields in double quotes may hold delimiters,
 * line breaks and doubled quotes; lines end in CRLF, LF or CR. A quote left open is reported with
 * the line it opened on, never guessed around.
 */
export function parseCsv(
  text: string,
  delimiter: string = detectDelimiter(text),
): { rows: string[][]; error: CsvError | null } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      // a quoted field
      const opened = line;
      const at = row.length;
      i++;
      for (;;) {
        if (i >= n)
          return {
            rows,
            error: { line: opened, field: at, message: `第 ${opened} 行第 ${at + 1} 列的引号没有闭合` },
          };
        const d = text[i] as string;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\n' || (d === '\r' && text[i + 1] !== '\n')) line++;
        field += d;
        i++;
      }
      // after the closing quote: a delimiter, a line end or the end; anything else is sloppy but kept
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, error: null };
}
