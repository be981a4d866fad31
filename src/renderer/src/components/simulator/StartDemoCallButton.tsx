// One button, zero set-up: opens the microphone (you are the person called), then asks the main
// process to start the simulator, the embedded endpoint with the demo bot, and a call between them.
// Without a microphone the scripted customer speaks instead. Navigation is the caller's choice.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberDemoCall } from './demo-calls';
import { api } from '../../api/client';
import { attachCall, closePhone, openPhone } from '../../audio/mic-phone';
import { errorText } from '../../errors';

export function StartDemoCallButton({ onStarted }: { onStarted?: (callId: string) => void }) {
  const { t, i18n } = useTranslation('simulator');
  const [busy, setBusy] = useState(false);
  // Kept as what happened, worded when shown: the words follow a change of language.
  const [error, setError] = useState<unknown>(null);
  const [micReason, setMicReason] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    setMicReason(null);
    let legB: 'mic' | 'script' = 'mic';
    try {
      await openPhone();
    } catch (e) {
      legB = 'script';
      setMicReason(e instanceof Error ? e.name || e.message : String(e));
    }
    try {
      const language = i18n.language === 'vi' ? 'vi' : 'en';
      const res = await api['simulator:startDemoCall']({ legB, language });
      rememberDemoCall(res.callId);
      if (legB === 'mic') attachCall(res.callId);
      onStarted?.(res.callId);
    } catch (e) {
      if (legB === 'mic') await closePhone();
      setError(e ?? new Error('unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sim-demo">
      <button type="button" className="primary" onClick={() => void start()} disabled={busy} aria-busy={busy}>
        {busy ? t('startingDemo') : t('startDemo')}
      </button>
      {micReason !== null && (
        <p role="status" className="muted">
          {t('micDenied', { reason: micReason })}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="sim-error">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}
