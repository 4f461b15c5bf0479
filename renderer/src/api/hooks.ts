import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, Input, Outputs } from '../../../shared/contract/api';
import type { AppError } from '../../../shared/contract/result';
import { api } from './client';

/** Loads a channel's value when its input changes; `reload` asks again (after a change elsewhere). */
export function useQuery<C extends Channel>(
  channel: C,
  input: Input<C> | null,
): { data: Outputs[C] | undefined; error: AppError | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: Outputs[C]; error: AppError | null; loading: boolean }>({
    error: null,
    loading: input !== null,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) {
      setState({ error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void api.invoke(channel, input).then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.value, error: null, loading: false } : { error: r.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [channel, key, tick]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: useCallback(() => setTick((t) => t + 1), []),
  };
}

/**
 * Calls a channel from a button: shows what went wrong as a message, and says whether it worked.
 * Returns the value, or null (the error was shown unless `quiet` lists its code).
 */
export function useAction() {
  const { message } = App.useApp();
  // the message API may be a new object on every render: keep `run` itself stable (effects depend on it)
  const messageRef = useRef(message);
  messageRef.current = message;
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(
    async <C extends Channel>(
      channel: C,
      input: Input<C>,
      opts: { success?: string; quiet?: string[] } = {},
    ): Promise<{ value: Outputs[C] } | { error: AppError }> => {
      setBusy(true);
      try {
        const r = await api.invoke(channel, input);
        if (!r.ok) {
          if (!opts.quiet?.includes(r.error.code)) void messageRef.current.error(r.error.message, 6);
          return { error: r.error };
        }
        if (opts.success) void messageRef.current.success(opts.success);
        return { value: r.value };
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [],
  );
  return { run, busy };
}
