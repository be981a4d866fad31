// Listen live: start (also mid-call), stop (frees the device), stereo or mono, per-leg mute / solo /
// volume, output device, and the jitter buffer's underrun and late-frame counters.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../../shared/contract/live';
import { api, onEvent } from '../../api/client';
import { errorText } from '../../errors';
import { ListenPlayer, listOutputDevices, type LegMix, type ListenStats } from '../../audio/listen-player';

const defaultMix = (): Record<Leg, LegMix> => ({
  A: { volume: 1, muted: false, solo: false },
  B: { volume: 1, muted: false, solo: false },
  botOut: { volume: 1, muted: false, solo: false },
});

export function ListenPanel({ callId, legs, ended, legName }: { callId: string; legs: Leg[]; ended: boolean; legName: (leg: Leg) => string }) {
  const { t } = useTranslation('live');
  const [listening, setListening] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mono, setMono] = useState(false);
  const [mix, setMix] = useState(defaultMix);
  const [stats, setStats] = useState<ListenStats | null>(null);
  const [devices, setDevices] = useState<Array<{ id: string; label: string }>>([]);
  const [sinkId, setSinkId] = useState('');
  const player = useRef<ListenPlayer | null>(null);
  const unsub = useRef<(() => void) | null>(null);

  const stop = async (id: string) => {
    unsub.current?.();
    unsub.current = null;
    const p = player.current;
    player.current = null;
    setListening(false);
    await p?.stop();
    await api['live:listen']({ callId: id, on: false }).catch(() => {});
    await api['calls:listen']({ callId: id, on: false }).catch(() => {});
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const p = new ListenPlayer(setStats);
      player.current = p;
      await p.start(sinkId || undefined);
      p.setMix(mix, mono);
      unsub.current = onEvent('call:audio', (frame) => {
        if (frame.callId === callId) p.push(frame);
      });
      // A real call's audio comes from the endpoint, a replay's from the call library.
      await api['live:listen']({ callId, on: true });
      await api['calls:listen']({ callId, on: true });
      setListening(true);
      if (ListenPlayer.canChooseOutput()) setDevices(await listOutputDevices().catch(() => []));
    } catch (e) {
      setError(errorText(e));
      await stop(callId);
    } finally {
      setBusy(false);
    }
  };

  // Switching calls or leaving the screen stops listening and releases the device.
  useEffect(() => {
    return () => {
      void stop(callId);
    };
  }, [callId]);

  useEffect(() => {
    player.current?.setMix(mix, mono);
  }, [mix, mono]);

  const setLeg = (leg: Leg, patch: Partial<LegMix>) => setMix((m) => ({ ...m, [leg]: { ...m[leg], ...patch } }));

  return (
    <section className="panel listen" aria-labelledby="listen-title">
      <h2 id="listen-title">{t('listen.title')}</h2>
      <div className="row">
        {listening ? (
          <button type="button" onClick={() => void stop(callId)}>
            {t('listen.stop')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || ended} onClick={() => void start()}>
            {t('listen.start')}
          </button>
        )}
        {ended && !listening && <span className="muted">{t('listen.endedHint')}</span>}
        <label>
          {t('listen.mode')}{' '}
          <select value={mono ? 'mono' : 'stereo'} onChange={(e) => setMono(e.target.value === 'mono')}>
            <option value="stereo">{t('listen.stereo')}</option>
            <option value="mono">{t('listen.mono')}</option>
          </select>
        </label>
        {ListenPlayer.canChooseOutput() && (
          <label>
            {t('listen.output')}{' '}
            <select
              value={sinkId}
              onChange={(e) => {
                setSinkId(e.target.value);
                void player.current?.setSink(e.target.value).catch((err: unknown) => setError(String(err)));
              }}
            >
              <option value="">{t('listen.defaultOutput')}</option>
              {devices
                .filter((d) => d.id && d.id !== 'default')
                .map((d, i) => (
                  <option key={d.id} value={d.id}>
                    {d.label || t('listen.deviceN', { n: i + 1 })}
                  </option>
                ))}
            </select>
          </label>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {t('listen.failed', { message: error })}
        </p>
      )}
      <table className="listen-mix">
        <tbody>
          {legs.map((leg) => {
            const name = legName(leg);
            return (
              <tr key={leg}>
                <th scope="row">{name}</th>
                <td>
                  <label>
                    <input type="checkbox" checked={mix[leg].muted} onChange={(e) => setLeg(leg, { muted: e.target.checked })} aria-label={t('listen.muteLeg', { leg: name })} />{' '}
                    {t('listen.mute')}
                  </label>
                </td>
                <td>
                  <label>
                    <input type="checkbox" checked={mix[leg].solo} onChange={(e) => setLeg(leg, { solo: e.target.checked })} aria-label={t('listen.soloLeg', { leg: name })} />{' '}
                    {t('listen.solo')}
                  </label>
                </td>
                <td>
                  <input
                    type="range"
                    min={0}
                    max={2}
                    step={0.05}
                    value={mix[leg].volume}
                    onChange={(e) => setLeg(leg, { volume: Number(e.target.value) })}
                    aria-label={t('listen.volumeLeg', { leg: name })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="listen-stats" aria-label={t('listen.stats')}>
        <div>
          <dt>{t('listen.underruns')}</dt>
          <dd>{stats?.underruns ?? 0}</dd>
        </div>
        <div>
          <dt>{t('listen.late')}</dt>
          <dd>{stats?.late ?? 0}</dd>
        </div>
        <div>
          <dt>{t('listen.buffer')}</dt>
          <dd>{t('listen.bufferValue', { now: Math.round(stats?.bufferedMs ?? 0), target: Math.round(stats?.targetMs ?? 60) })}</dd>
        </div>
      </dl>
    </section>
  );
}
