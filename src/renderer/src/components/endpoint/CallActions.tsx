// Actions on one active call: media (WAV, is_sync, convert), chunk streaming, transfer, hang up.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveCall, AudioFileSourceArg, AudioInfo } from '../../../../shared/contract/endpoint';
import { api } from '../../api/client';
import { fileToSource, useFileErrorText } from './file-source';
import { useAction } from '../../use-action';
import { formatSeconds } from '../../i18n/format';

export function CallActions({ call }: { call: ActiveCall }) {
  const { t } = useTranslation('endpoint');
  const id = useId();
  const [file, setFile] = useState<{ source: AudioFileSourceArg; info: AudioInfo } | null>(null);
  const [isSync, setIsSync] = useState(true);
  const [convert, setConvert] = useState(true);
  const [format, setFormat] = useState<'pcm16' | 'mp3'>('pcm16');
  const [extension, setExtension] = useState('');
  const [status, setStatus] = useState('');
  const { error, run: act } = useAction(useFileErrorText());
  const run = (fn: () => Promise<string>) => act(fn, setStatus);

  const pick = (f: File | undefined) => {
    setFile(null);
    if (!f) return;
    void run(async () => {
      const source = await fileToSource(f);
      const info = await api['endpoint:inspectAudio']({ file: source });
      setFile({ source, info });
      return t('fileReady', { name: info.name });
    });
  };

  const label = t('actionsFor', { callId: call.callId });
  return (
    <div role="group" aria-label={label} className="endpoint-actions">
      <div className="row">
        <label htmlFor={`${id}-file`}>{t('audioFile')}</label>
        <input id={`${id}-file`} type="file" accept=".wav,.mp3,audio/wav,audio/mpeg" onChange={(e) => pick(e.target.files?.[0])} />
      </div>
      {file && (
        <p className="note" aria-live="polite">
          {file.info.kind === 'wav'
            ? t('fileInfo', { rate: file.info.sampleRate, bits: file.info.bitDepth, channels: file.info.channels, seconds: file.info.durationSec })
            : t('fileInfoMp3')}
          {file.info.warnings.map((w) => (
            <span key={w} className="endpoint-warning">
              {' '}
              ⚠ {w}
            </span>
          ))}
        </p>
      )}
      <div className="row">
        <label>
          <input type="checkbox" checked={isSync} onChange={(e) => setIsSync(e.target.checked)} /> {t('isSync')}
        </label>
        <label>
          <input type="checkbox" checked={convert} onChange={(e) => setConvert(e.target.checked)} /> {t('convert')}
        </label>
        <button
          type="button"
          disabled={!file || file.info.kind !== 'wav'}
          onClick={() =>
            void run(async () => {
              const r = await api['endpoint:sendMedia']({ callId: call.callId, file: file!.source, isSync, convert });
              return t('mediaSent', { bytes: r.bytes });
            })
          }
        >
          {t('sendMedia')}
        </button>
      </div>
      <div className="row">
        <label htmlFor={`${id}-format`}>{t('chunkFormat')}</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as 'pcm16' | 'mp3')}>
          <option value="pcm16">pcm16</option>
          <option value="mp3">mp3</option>
        </select>
        <button
          type="button"
          disabled={!file}
          onClick={() =>
            void run(async () => {
              const r = await api['endpoint:streamChunks']({ callId: call.callId, file: file!.source, format, chunkMs: 100 });
              return t('streaming', { seconds: formatSeconds(r.durationMs) });
            })
          }
        >
          {t('streamChunks')}
        </button>
        <button type="button" onClick={() => void run(async () => (await api['endpoint:stopChunks']({ callId: call.callId }), t('streamStopped')))}>
          {t('stopChunks')}
        </button>
      </div>
      <div className="row">
        <label htmlFor={`${id}-ext`}>{t('extension')}</label>
        <input id={`${id}-ext`} type="text" value={extension} onChange={(e) => setExtension(e.target.value)} size={10} />
        <button type="button" disabled={!extension.trim()} onClick={() => void run(async () => (await api['endpoint:transfer']({ callId: call.callId, extension }), t('transferred', { extension })))}>
          {t('transfer')}
        </button>
        <button type="button" className="danger" onClick={() => void run(async () => (await api['endpoint:hangup']({ callId: call.callId }), t('hungUp')))}>
          {t('hangup')}
        </button>
      </div>
      <div role="status" aria-live="polite" className="muted">
        {status}
      </div>
      {error && (
        <div role="alert" className="endpoint-error">
          {error}
        </div>
      )}
    </div>
  );
}
