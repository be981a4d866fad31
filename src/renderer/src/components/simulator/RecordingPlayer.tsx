// Plays a finished simulator recording: fetched over the contract (the token stays in main) as a blob URL.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../errors';

function base64ToBlob(b64: string, mime: string): Blob {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export function RecordingPlayer({ callId, kind }: { callId: string; kind: 'full' | 'mixed' }) {
  const { t } = useTranslation('simulator');
  const [url, setUrl] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let made: string | null = null;
    api['simulator:recording']({ callId, kind })
      .then((r) => {
        if (revoked) return;
        made = URL.createObjectURL(base64ToBlob(r.base64, r.mime));
        setUrl(made);
        setName(r.name);
      })
      .catch((e: unknown) => setError(errorText(e)));
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [callId, kind]);
  if (error) return <p role="alert" className="sim-error">{error}</p>;
  if (!url) return <p className="muted">{t('loadingRecording')}</p>;
  return <audio controls autoPlay src={url} aria-label={t('recordingLabel', { name })} />;
}
