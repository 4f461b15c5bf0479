import { createContext, useContext } from 'react';
import type { CycleSummary } from '../../../shared/contract/api';

export type PageKey = 'cycles' | 'scheme' | 'import' | 'results' | 'publish';

/** What every screen knows: the cycles, the one being worked on, and how to move between screens. */
export interface Workbench {
  cycles: CycleSummary[];
  cycle: CycleSummary | null;
  selectCycle: (id: number) => void;
  /** Reads the cycle list again (after a change that affects status, counts or staleness). */
  refresh: () => void;
  go: (page: PageKey) => void;
  /**
   * A screen with unsaved edits says so (and again with false once saved or discarded): leaving
   * it, or switching the cycle, then asks first.
   */
  setUnsaved: (unsaved: boolean) => void;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const w = useContext(WorkbenchContext);
  if (!w) throw new Error('useWorkbench outside the workbench');
  return w;
}
