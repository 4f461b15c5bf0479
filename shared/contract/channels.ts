/**
 * The names of the IPC channels and events, without their schemas: what the preload needs to
 * enforce its allowlist (it stays small; the schemas are checked in main). A test keeps this list
 * equal to the contract's.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'cycle:list',
  'cycle:createFromWorkbook',
  'cycle:copy',
  'cycle:link',
  'cycle:publish',
  'cycle:reopen',
  'scheme:get',
  'scheme:save',
  'scheme:importWorkbook',
  'scheme:exportWorkbook',
  'scheme:applyWeights',
  'weights:data',
  'import:preview',
  'import:commit',
  'import:discard',
  'import:batches',
  'import:withdraw',
  'import:restore',
  'template:list',
  'template:file',
  'result:get',
  'result:compute',
  'result:exportXlsx',
  'result:sensitivity',
  'report:build',
  'report:record',
  'audit:list',
  'task:cancel',
] as const;

export const EVENT_NAMES = ['import:progress', 'workspace:changed', 'task:progress'] as const;

/** The IPC channel of an API channel, and of an event. */
export const ipcChannel = (c: string): string => `api:${c}`;
export const ipcEvent = (e: string): string => `event:${e}`;
