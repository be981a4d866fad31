// The busy/error bookkeeping around one user action (a button that calls main): shared by screens.
import { useCallback, useState } from 'react';
import { errorText } from './errors';

export function useAction(describe: (e: unknown) => string = errorText) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, onDone?: (value: T) => void): Promise<void> => {
      setBusy(true);
      setError(null);
      try {
        const value = await fn();
        onDone?.(value);
      } catch (e) {
        setError(describe(e));
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, error, setError, run };
}
