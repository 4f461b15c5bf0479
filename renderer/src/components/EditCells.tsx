import type { TableColumnType } from 'antd';
import { Input } from 'antd';

/**
 * A table column of text inputs; the column title is the input's label. For codes (`code: true`)
 * spaces are trimmed, a code already saved is fixed (imported data hang on it), and the cell turns
 * red when the scheme check names the row.
 */
export function inputColumn<T>(o: {
  title: string;
  width?: number;
  editable: boolean;
  get: (row: T) => string;
  set: (row: T, text: string) => void;
  code?: boolean;
  saved?: (row: T) => boolean;
  invalid?: (row: T) => boolean;
}): TableColumnType<T> {
  return {
    title: o.title,
    width: o.width,
    render: (_, row) => (
      <Input
        aria-label={o.title}
        value={o.get(row)}
        disabled={!o.editable || (o.saved?.(row) ?? false)}
        status={o.invalid?.(row) ? 'error' : undefined}
        onChange={(e) => o.set(row, o.code ? e.target.value.trim() : e.target.value)}
      />
    ),
  };
}
