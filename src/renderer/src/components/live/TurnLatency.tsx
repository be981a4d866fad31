// Turn latency, shown big: end of the caller's speech (leg B) → start of the bot's audio (leg A),
// measured on the wire by main for every turn; min, median, p90 of the answers heard out. Answers the
// caller talked over are listed, marked, and summed up on their own line, never in the big number.
import { useTranslation } from 'react-i18next';
import type { Turn, TurnSummary } from '../../../../shared/contract/calls';
import { formatNumber, formatSeconds } from '../../i18n/format';

const ms = (v: number | null) => (v === null ? '—' : `${formatNumber(Math.round(v))} ms`);

export function TurnLatency({ summary, turns }: { summary: TurnSummary | null; turns: Turn[] }) {
  const { t } = useTranslation('live');
  const talkedOver = turns.filter((x) => x.bargeIn).map((x) => x.latencyMs).sort((a, b) => a - b);
  const talkedOverMedian = talkedOver.length ? talkedOver[Math.floor((talkedOver.length - 1) / 2)]! : null;
  return (
    <section className="panel turn-latency" aria-labelledby="turn-latency-title">
      <h2 id="turn-latency-title">{t('turns.title')}</h2>
      <p className="note">{t('turns.explain')}</p>
      <div className="turn-big">
        <output aria-label={t('turns.median')} className="turn-median">
          {ms(summary?.medianMs ?? null)}
        </output>
        <span className="muted">{t('turns.medianShort')}</span>
      </div>
      <dl className="turn-stats">
        <div>
          <dt>{t('turns.last')}</dt>
          <dd>{ms(summary?.lastMs ?? null)}</dd>
        </div>
        <div>
          <dt>{t('turns.min')}</dt>
          <dd>{ms(summary?.minMs ?? null)}</dd>
        </div>
        <div>
          <dt>{t('turns.p90')}</dt>
          <dd>{ms(summary?.p90Ms ?? null)}</dd>
        </div>
        <div>
          <dt>{t('turns.count')}</dt>
          <dd>{formatNumber(summary?.count ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('turns.bargeIns')}</dt>
          <dd>{summary?.bargeIns ?? 0}</dd>
        </div>
      </dl>
      {talkedOver.length > 0 && (
        <p className="note" role="status" aria-label={t('turns.talkedOverLabel')}>
          {t('turns.talkedOver', { count: talkedOver.length, ms: ms(talkedOverMedian) })}
        </p>
      )}
      {turns.length === 0 && <p className="note">{t('turns.none')}</p>}
      {turns.length > 0 && (
        <ol className="turn-list" aria-label={t('turns.list')}>
          {turns.slice(-8).map((turn) => (
            <li key={turn.index}>
              {t('turns.item', { n: turn.index + 1, ms: formatNumber(turn.latencyMs), at: formatSeconds(turn.aStartT) })}
              {turn.bargeIn && <strong className="barge-in"> {t('turns.bargeInExcluded')}</strong>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
