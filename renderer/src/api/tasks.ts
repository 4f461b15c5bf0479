import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskPhase } from '../../../shared/contract/api';
import { api } from './client';

/** A fresh id for a long call: what `task:cancel` names and its `task:progress` events carry. */
export function newTaskId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** Asks main to stop a long call (an import before it writes, an analysis between draws). */
export function cancelTask(task: string): void {
  void api.invoke('task:cancel', { task });
}

/**
 * One long call at a time, followed: `begin()` names it (the id goes into the call's input), its
 * progress events update `progress`, `cancel()` asks main to stop it, `end()` once it answered.
 */
export function useTask() {
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<{ phase: TaskPhase; fraction: number } | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('task:progress', (p) => {
        if (p.task === current.current) setProgress({ phase: p.phase, fraction: p.fraction });
      }),
    [],
  );
  // a call still running when the screen closes is not wanted any more
  useEffect(
    () => () => {
      if (current.current) cancelTask(current.current);
    },
    [],
  );

  const begin = useCallback(() => {
    const id = newTaskId();
    current.current = id;
    setRunning(true);
    setCancelling(false);
    setProgress(null);
    return id;
  }, []);
  const end = useCallback((id: string) => {
    if (current.current !== id) return;
    current.current = null;
    setRunning(false);
    setCancelling(false);
    setProgress(null);
  }, []);
  const cancel = useCallback(() => {
    if (!current.current) return;
    setCancelling(true);
    cancelTask(current.current);
  }, []);
  return { running, cancelling, progress, begin, end, cancel };
}
