export type { HeldCell } from './data';
export type { SchemeIds } from './scheme';
