import type { CycleStatus } from '../../../shared/domain/cycle';

/** Colours of a cycle's status tag; the words come from CYCLE_STATUS_LABELS. */
export const STATUS_COLORS: Record<CycleStatus, string> = {
  draft: 'default',
  collecting: 'processing',
  computed: 'success',
  published: 'purple',
};

/** A stored instant as local date and time: 2025-01-15 17:00. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
