/** What a scheme save changes, by section: codes added, removed, and changed in place. */
export interface SchemeChanges {
  categories: SectionChanges;
  targets: SectionChanges;
  indicators: SectionChanges;
  groups: SectionChanges;
  rules: string[];
}

export interface SectionChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Things holding imported data (rows of any batch), by section. */
export interface HeldData {
  targets: { code: string; name: string; rows: number }[];
  indicators: { code: string; name: string; rows: number }[];
  groups: { code: string; name: string; rows: number }[];
}
