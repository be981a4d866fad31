// The busy/error bookkeeping around one user action (a button that calls main): shared by screens.
// A failure is kept as what happened and worded when shown, so its words follow a change of language.
import { useCallback, useState } from 'react';
import { errorText } from './errors';

type Failure = { e: unknown } | { text: string };

export function useAction(describe: (e: unknown) => string = errorText) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const setError = useCallback((text: string | null) => setFailure(text === null ? null : { text }), []);
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, onDone?: (value: T) => void): Promise<void> => {
      setBusy(true);
      setFailure(null);
      try {
        const value = await fn();
        onDone?.(value);
      } catch (e) {
        setFailure({ e });
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  const error = failure === null ? null : 'text' in failure ? failure.text : describe(failure.e);
  return { busy, error, setError, run };
}
