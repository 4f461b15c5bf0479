import { displayWidth } from '../../shared/domain/text';

export type Align = 'left' | 'right';

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

/** A plain-text table: a header, a rule, rows; columns sized to their widest cell. */
export function textTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c] as number, align[c] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
