// Call quality as the endpoint measured it, with a verdict in plain words: the live view (figures so
// far while the call runs, final once it has ended) and the library show the same panel.
import { useTranslation } from 'react-i18next';
import type { FrameStats } from '../../../../shared/contract/live';
import { formatNumber } from '../../i18n/format';
import { badFrames, qualityVerdict } from './quality';

/** `measured` false: nothing received this call's audio the way PSR's bot does (a campaign call, played by the campaign's generator). */
export function CallQuality({ stats, running = false, measured = true }: { stats: FrameStats | null | undefined; running?: boolean; measured?: boolean }) {
  const { t } = useTranslation('live');
  const verdict = qualityVerdict(stats);
  return (
    <section className="panel call-quality" aria-labelledby="call-quality-title">
      <h2 id="call-quality-title">{t('quality.title')}</h2>
      {!measured ? (
        <p className="note">{t('quality.notMeasuredCampaign')}</p>
      ) : running && !stats ? (
        <p className="note">{t('quality.running')}</p>
      ) : (
        <>
          {running && <p className="note">{t('quality.soFar')}</p>}
          <p role="status" aria-label={t('quality.verdictLabel')} className={`quality-${verdict}`}>
            <strong>{t(`quality.verdict.${verdict}`)}</strong> {t(`quality.explain.${verdict}`)}
          </p>
          {stats && stats.frames > 0 && (
            <dl className="turn-stats" aria-label={t('quality.figures')}>
              <div>
                <dt>{t('quality.gaps')}</dt>
                <dd>{formatNumber(stats.gaps)}</dd>
              </div>
              <div>
                <dt>{t('quality.jitter')}</dt>
                <dd>{t('quality.ms', { ms: formatNumber(stats.jitterMs, 1) })}</dd>
              </div>
              <div>
                <dt>{t('quality.late')}</dt>
                <dd>{stats.lateFrames === undefined ? '—' : formatNumber(stats.lateFrames)}</dd>
              </div>
              <div>
                <dt>{t('quality.bad')}</dt>
                <dd>{formatNumber(badFrames(stats))}</dd>
              </div>
              <div>
                <dt>{t('quality.frames')}</dt>
                <dd>{formatNumber(stats.frames)}</dd>
              </div>
            </dl>
          )}
        </>
      )}
    </section>
  );
}
