// audio_file: pick or drop a WAV, see its format, preview it, convert it to what PSR plays, save the copy.
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadView } from '../../../../shared/contract/psr';
import { api, ApiError } from '../../api/client';
import { base64ToBytes, bytesToBase64, formatBytes, wavBlobUrl } from './bytes';
import { useErrorText } from './issues';
import { formatNumber } from '../../i18n/format';

export interface AudioChoice {
  upload: UploadView;
  /** Blob URL of the bytes, for preview and "save converted copy". */
  url: string | null;
}

export function AudioFilePicker(props: { value: AudioChoice | null; onChange: (v: AudioChoice | null) => void; describedBy?: string }) {
  const { t } = useTranslation('psr');
  const errorText = useErrorText();
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ headline: string; detail: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const v = props.value;

  const fail = (e: unknown) => {
    if (e instanceof ApiError) setError(errorText(e.code, e.message, e.params));
    else setError({ headline: e instanceof Error ? e.message : String(e), detail: '' });
  };

  const take = async (file: File) => {
    setError(null);
    setBusy(t('fields.audio_file.reading', { name: file.name }));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const upload = await api['psr:uploadAudio']({ name: file.name, dataBase64: bytesToBase64(bytes) });
      props.onChange({ upload, url: wavBlobUrl(bytes) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const convert = async () => {
    if (!v) return;
    setError(null);
    setBusy(t('fields.audio_file.converting'));
    try {
      const r = await api['psr:convertAudio']({ uploadId: v.upload.uploadId });
      props.onChange({ upload: r.upload, url: wavBlobUrl(base64ToBytes(r.dataBase64)) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void take(f);
  };

  const info = v?.upload.info;
  return (
    <div className="audio-picker">
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        role="group"
        aria-label={t('fields.audio_file.dropZone')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="file-button">
          {t('fields.audio_file.choose')}
          <input
            id={`${id}-file`}
            type="file"
            accept=".wav,audio/wav,audio/x-wav,audio/wave"
            aria-describedby={props.describedBy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void take(f);
            }}
          />
        </label>
        <span className="muted">{t('fields.audio_file.drop')}</span>
      </div>
      {busy && <p role="status">{busy}</p>}
      {error && (
        <div role="alert" className="field-error">
          <strong>{error.headline}</strong>
          {error.detail && <div className="note">{error.detail}</div>}
        </div>
      )}
      {v && info && (
        <div className="audio-details">
          <dl aria-label={t('fields.audio_file.info')}>
            <dt>{t('fields.audio_file.name')}</dt>
            <dd>{v.upload.name}</dd>
            <dt>{t('fields.audio_file.rate')}</dt>
            <dd>{formatNumber(info.sampleRate)} Hz</dd>
            <dt>{t('fields.audio_file.depth')}</dt>
            <dd>{t('fields.audio_file.bits', { n: info.bitDepth })}</dd>
            <dt>{t('fields.audio_file.channels')}</dt>
            <dd>{info.channels}</dd>
            <dt>{t('fields.audio_file.duration')}</dt>
            <dd>{t('common:unit.seconds', { value: formatNumber(info.durationSec, 2, true) })}</dd>
            <dt>{t('fields.audio_file.size')}</dt>
            <dd>{formatBytes(info.size)}</dd>
          </dl>
          {v.url && <audio controls src={v.url} aria-label={t('fields.audio_file.preview', { name: v.upload.name })} />}
          {info.isPsrFormat ? (
            <p className="ok-text">✓ {v.upload.convertedFrom ? t('fields.audio_file.converted') : t('fields.audio_file.psrOk')}</p>
          ) : (
            <div role="alert" className="field-warning">
              ⚠ {t('fields.audio_file.notPsr', { rate: formatNumber(info.sampleRate), depth: info.bitDepth, channels: info.channels })}{' '}
              <button type="button" onClick={() => void convert()} disabled={!!busy}>
                {t('fields.audio_file.convert')}
              </button>
            </div>
          )}
          <div className="row">
            {v.upload.convertedFrom && v.url && (
              <a className="button-link" href={v.url} download={v.upload.name}>
                {t('fields.audio_file.saveCopy')}
              </a>
            )}
            <button type="button" onClick={() => props.onChange(null)}>
              {t('fields.audio_file.remove')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
