// A recording's waveform, one row per channel (leg), with the call's actions as markers; plays
// from a Blob URL made of the bytes main returned (calls:recording), so no HTTP route is needed.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import type { CallAction } from '../../../../shared/contract/live';
import { api } from '../../api/client';
import { errorText } from '../../errors';
import { base64ToBytes, wavPeaks, type WavPeaks } from './wav-peaks';
import { describeAction } from '../../i18n/describe';
import { formatNumber, formatSeconds } from '../../i18n/format';

const COLORS = ['#3fb6a8', '#7aa2f7', '#c678dd'];

export function Waveform({ callId, recordingId, label, actions }: { callId: string; recordingId: string; label: string; actions: CallAction[] }) {
  const { t } = useTranslation('library');
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const [info, setInfo] = useState<WavPeaks | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    setError(null);
    setInfo(null);
    api['calls:recording']({ callId, recordingId })
      .then((r) => {
        if (cancelled || !container.current) return;
        const bytes = base64ToBytes(r.base64);
        const parsed = wavPeaks(bytes);
        if (!parsed) throw new Error(t('notPcm'));
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: r.mime }));
        const w = WaveSurfer.create({
          container: container.current,
          height: parsed.channels > 1 ? 60 : 90,
          splitChannels: parsed.peaks.map((_, i) => ({ waveColor: COLORS[i % COLORS.length]!, progressColor: '#e6edf3' })),
          cursorColor: '#e3b341',
          barWidth: 2,
          barGap: 1,
          normalize: true,
          interact: true,
        });
        w.on('play', () => setPlaying(true));
        w.on('pause', () => setPlaying(false));
        w.on('finish', () => setPlaying(false));
        w.on('timeupdate', (s) => setPosition(s));
        void w.load(url, parsed.peaks, parsed.duration).catch((e: unknown) => setError(String(e)));
        ws.current = w;
        setInfo(parsed);
      })
      .catch((e: unknown) => !cancelled && setError(errorText(e)));
    return () => {
      cancelled = true;
      ws.current?.destroy();
      ws.current = null;
      if (url) URL.revokeObjectURL(url);
    };
  }, [callId, recordingId, t]);

  return (
    <figure className="waveform" aria-label={label}>
      <figcaption>
        {label}
        {info && (
          <span className="muted">
            {' '}
            · {t('recordingFacts', { layout: info.channels === 1 ? t('layoutMono') : t('layoutChannels', { n: info.channels }), rate: formatNumber(info.sampleRate), seconds: formatNumber(info.duration, 1, true) })}
          </span>
        )}
      </figcaption>
      {info && info.channels > 1 && (
        <p className="note">{t('channelsHint')}</p>
      )}
      <div className="waveform-box">
        <div ref={container} />
        {info &&
          actions.map((a) => (
            <span
              key={`${a.kind}-${a.t}-${a.at}`}
              className={`marker marker-${a.kind}`}
              style={{ left: `${Math.min(100, (a.t / 1000 / info.duration) * 100)}%` }}
              title={`${a.kind} · ${t('common:unit.seconds', { value: formatSeconds(a.t) })} · ${describeAction(a)}`}
              aria-hidden="true"
            />
          ))}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {t('recordingFailed', { message: error })}
        </p>
      )}
      <div className="row">
        <button type="button" disabled={!info} onClick={() => void ws.current?.playPause()}>
          {playing ? t('pause') : t('play')}
        </button>
        <span className="muted">{info ? t('common:unit.seconds', { value: `${formatNumber(position, 1, true)} / ${formatNumber(info.duration, 1, true)}` }) : t('loadingRecording')}</span>
      </div>
      {actions.length > 0 && (
        <ul className="action-list" aria-label={t('actions')}>
          {actions.map((a) => (
            <li key={`${a.kind}-${a.t}-${a.at}`}>
              <button type="button" className="linkish" onClick={() => info && ws.current?.setTime(a.t / 1000)}>
                {t('common:unit.seconds', { value: formatSeconds(a.t) })}
              </button>{' '}
              <span translate="no">
                {a.kind} — {describeAction(a)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
