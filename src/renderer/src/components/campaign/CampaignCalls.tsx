// The campaign's calls: those running now (each can be opened in the live view) and the latest
// finished ones with their figures.
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../../../../shared/contract/campaign';

export function CampaignCalls({ st, onWatch, busy }: { st: CampaignStatus | null; onWatch: (index: number) => void; busy: boolean }) {
  const { t, i18n } = useTranslation('campaign');
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const running = st?.state === 'running' ? st.activeCalls : [];
  return (
    <>
      <div className="panel" aria-labelledby="cmp-running-title">
        <h2 id="cmp-running-title">{t('runningCalls')}</h2>
        <p className="muted">{running.length === 0 ? t('noRunningCalls') : t('runningHint')}</p>
        {running.length > 0 && (
          <ul className="cmp-running" aria-labelledby="cmp-running-title">
            {running.map((c) => (
              <li key={c.index}>
                <button type="button" disabled={busy} aria-label={t('watchCall', { n: nf.format(c.index + 1) })} onClick={() => onWatch(c.index)}>
                  #{nf.format(c.index + 1)} <code title={c.callId}>{c.callId.slice(0, 8)}</code>
                  {st?.watching === c.callId ? ` · ${t('watching')}` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="panel" aria-labelledby="cmp-calls-title">
        <h2 id="cmp-calls-title">{t('recentCalls')}</h2>
        <table aria-labelledby="cmp-calls-title" className="cmp-calls">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('col.callId')}</th>
              <th>{t('col.setup')}</th>
              <th>{t('col.firstAudio')}</th>
              <th>{t('col.turns')}</th>
              <th>{t('col.result')}</th>
            </tr>
          </thead>
          <tbody>
            {(st?.recentCalls ?? []).map((c) => (
              <tr key={c.index}>
                <td>{nf.format(c.index + 1)}</td>
                <td>
                  <code title={c.callId}>{c.callId.slice(0, 8)}</code>
                </td>
                <td>{c.setup === 'ok' ? t('setupOk') : t('setupFailed')}</td>
                <td>{c.firstBotAudioMs === null ? '–' : `${nf.format(c.firstBotAudioMs)} ms`}</td>
                <td>{c.turnLatenciesMs.map((l) => nf.format(l)).join(', ')}</td>
                <td className={c.passed ? 'cmp-pass' : 'cmp-fail'}>{c.passed ? t('callPassed') : `${t('callFailed')}${c.errorCode ? ` (${c.errorCode})` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
