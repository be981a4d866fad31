// Campaign: many simulated PSR calls against a bot, watched live — active calls, setup success,
// turn latency p50/p95 and the generator's pacing over time, errors by code, the running calls
// (any one opens in the live view) and the latest finished calls.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../../../shared/contract/campaign';
import { api, useEvent } from '../api/client';
import { describeError } from '../i18n/describe';
import { CampaignCalls } from '../components/campaign/CampaignCalls';
import { CampaignChart } from '../components/campaign/CampaignChart';
import { CampaignForm } from '../components/campaign/CampaignForm';
import { useAction } from '../use-action';
import '../styles/campaign.css';

const MAX_POINTS = 3600;

export function CampaignScreen({ navigate }: { navigate: (id: string) => void }) {
  const { t, i18n } = useTranslation('campaign');
  const [st, setSt] = useState<CampaignStatus | null>(null);
  const action = useAction();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  useEffect(() => {
    void action.run(() => api['campaign:status'](), setSt);
  }, [action.run]);
  useEvent('campaign:changed', setSt);
  useEvent('campaign:progress', ({ id, point, recentCalls, activeCalls }) =>
    setSt((s) =>
      s && s.id === id
        ? { ...s, timeline: [...s.timeline.slice(-(MAX_POINTS - 1)), point], recentCalls: recentCalls ?? s.recentCalls, activeCalls: activeCalls ?? s.activeCalls }
        : s,
    ),
  );

  const tl = st?.timeline ?? [];
  const xs = tl.map((p) => p.t);
  const last = tl[tl.length - 1];
  const running = st?.state === 'running';
  const errors = Object.entries(last?.errors ?? {}).sort((a, b) => b[1] - a[1]);
  const stateText = st ? t(`state.${st.state}`) : t('state.idle');

  return (
    <section aria-labelledby="screen-title" className="cmp-screen">
      <h1 id="screen-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <CampaignForm running={running} busy={action.busy} onStart={(s) => void action.run(() => api['campaign:start'](s), setSt)} onStop={() => void action.run(() => api['campaign:stop'](), setSt)} />
      {action.error && (
        <p role="alert" className="cmp-error">
          {action.error}
        </p>
      )}
      <div className="panel" aria-labelledby="cmp-status-title">
        <h2 id="cmp-status-title">{t('progress')}</h2>
        <p role="status" aria-label={t('stateLabel')}>
          {stateText}
          {st?.name ? ` — ${st.name}` : ''}
          {st?.verdict ? ` — ${t(`verdict.${st.verdict}`)}` : ''}
          {st?.error ? ` — ${describeError(st.error)}` : ''}
        </p>
        <dl className="cmp-figures">
          <div>
            <dt>{t('active')}</dt>
            <dd aria-label={t('active')}>{nf.format(last?.active ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('done')}</dt>
            <dd aria-label={t('done')}>{t('ofCalls', { done: nf.format(last?.done ?? 0), calls: nf.format(st?.calls ?? 0) })}</dd>
          </div>
          <div>
            <dt>{t('passed')}</dt>
            <dd aria-label={t('passed')}>{nf.format(last?.passed ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('failed')}</dt>
            <dd aria-label={t('failed')}>{nf.format(last?.failed ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('callsPerSec')}</dt>
            <dd aria-label={t('callsPerSec')}>{nf.format(last?.callsPerSec ?? 0)}</dd>
          </div>
          {st && st.state !== 'idle' && (
            <div>
              <dt>{t('framePriority')}</dt>
              <dd aria-label={t('framePriority')}>{st.framePriority ? t(`priority.${st.framePriority.mode}`) : t('priority.pending')}</dd>
            </div>
          )}
        </dl>
        {st?.framePriority?.reasons.map((r) => (
          <p key={r} className="note">
            {t(`priorityReason.${r}`)}
          </p>
        ))}
        {st?.reportDir && (
          <p className="note">
            {t('report')}: <code>{st.reportDir}</code>
          </p>
        )}
      </div>
      <div className="cmp-charts">
        <CampaignChart title={t('chart.active')} unit={t('unit.calls')} xs={xs} series={[{ name: t('series.active'), values: tl.map((p) => p.active), color: '#60a5fa' }]} />
        <CampaignChart
          title={t('chart.setup')}
          unit={t('unit.callsTotal')}
          xs={xs}
          series={[
            { name: t('series.setupOk'), values: tl.map((p) => p.setupOk), color: '#4ade80' },
            { name: t('series.setupFailed'), values: tl.map((p) => p.setupFailed), color: '#f87171' },
          ]}
        />
        <CampaignChart
          title={t('chart.turn')}
          unit={t('unit.ms')}
          xs={xs}
          series={[
            { name: 'p50', values: tl.map((p) => p.turnP50), color: '#60a5fa' },
            { name: 'p95', values: tl.map((p) => p.turnP95), color: '#fbbf24' },
          ]}
        />
        <CampaignChart title={t('chart.pacing')} unit={t('unit.ms')} xs={xs} series={[{ name: 'p99', values: tl.map((p) => p.pacingP99), color: '#c084fc' }]} />
      </div>
      <div className="panel" aria-labelledby="cmp-errors-title">
        <h2 id="cmp-errors-title">{t('errorsByCode')}</h2>
        {errors.length === 0 ? (
          <p className="muted">{t('noErrors')}</p>
        ) : (
          <table aria-labelledby="cmp-errors-title">
            <tbody>
              {errors.map(([code, n]) => (
                <tr key={code}>
                  <th scope="row">
                    <code>{code}</code> <span className="muted">{i18n.exists(`errors:${code}`) ? t(`errors:${code}`, { message: '' }) : ''}</span>
                  </th>
                  <td>
                    <span className="cmp-bar" style={{ width: `${Math.max(4, (100 * n) / errors[0]![1])}px` }} aria-hidden="true" /> {nf.format(n)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <CampaignCalls st={st} busy={action.busy} onWatch={(index) => void action.run(() => api['campaign:watch']({ index }), () => navigate('live'))} />
    </section>
  );
}
