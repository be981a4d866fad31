// Download a call's recording as WAV: the file as recorded (stereo: A left, B right) and each leg on
// its own. The bytes come over the contract (calls:recording), so no HTTP route or secret is involved.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingRef } from '../../../../shared/contract/calls';
import type { Leg } from '../../../../shared/contract/live';
import { api } from '../../api/client';
import { errorText } from '../../errors';
import { base64ToBytes } from './wav-peaks';
import { wavChannel } from './wav-split';

function save(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RecordingDownloads({ callId, recording, legName }: { callId: string; recording: RecordingRef; legName: (leg: Leg) => string }) {
  const { t } = useTranslation('library');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (part: 'file' | 0 | 1) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api['calls:recording']({ callId, recordingId: recording.id });
      const bytes = base64ToBytes(r.base64) as Uint8Array<ArrayBuffer>;
      const base = `${callId}-${recording.id}`;
      if (part === 'file') return save(bytes, `${base}.wav`);
      const leg = wavChannel(bytes, part);
      if (!leg) throw new Error(t('download.notPcm'));
      save(leg, `${base}-leg-${part === 0 ? 'a' : 'b'}.wav`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row recording-downloads" role="group" aria-label={t('download.group')}>
      <button type="button" disabled={busy} onClick={() => void download('file')}>
        {t(recording.kind === 'stereo' ? 'download.stereo' : 'download.file')}
      </button>
      {recording.kind === 'stereo' && (
        <>
          <button type="button" disabled={busy} onClick={() => void download(0)}>
            {t('download.leg', { leg: legName('A') })}
          </button>
          <button type="button" disabled={busy} onClick={() => void download(1)}>
            {t('download.leg', { leg: legName('B') })}
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
