// One bot test's verdict: pass/fail, each step with its figures, the whole-call expectations.
import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../../../shared/scenario/results';
import { describeStepMessage } from '../../i18n/describe';

/** Measured figures in words (tests:figure.<name>); a figure without wording shows as name = value. */
function figures(f: Record<string, number | string>, fmt: (n: number) => string, t: (key: string, params?: Record<string, unknown>) => string, has: (key: string) => boolean): string {
  return Object.entries(f)
    .map(([k, v]) => {
      const value = typeof v === 'number' ? fmt(v) : v;
      return has(`tests:figure.${k}`) ? t(`figure.${k}`, { v: value }) : `${k} = ${value}`;
    })
    .join(', ');
}

export function TestResultCard({ result, onRerun, busy }: { result: TestResult; onRerun: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation('tests');
  const nf = new Intl.NumberFormat(i18n.language);
  const fmt = (n: number) => nf.format(n);
  const has = (key: string) => i18n.exists(key);
  const verdict = result.passed ? t('passed') : t('failed');
  return (
    <article className={`test-card ${result.passed ? 'test-pass' : 'test-fail'}`} aria-label={t('resultOf', { name: result.name, verdict })}>
      <header className="row">
        <h3>
          <span className="test-verdict">{verdict}</span> {result.name}
        </h3>
        <button type="button" disabled={busy} onClick={onRerun} aria-label={t('rerunOne', { name: result.name })}>
          {t('rerun')}
        </button>
      </header>
      <p className="muted">
        {t('callFacts', { seconds: nf.format(Math.round(result.durationMs / 100) / 10), callId: result.callId, reason: t(`end.${result.endReason}`, { defaultValue: result.endReason }) })}
      </p>
      {result.failure && <p className="test-failure">{firstFailure(result, t)}</p>}
      <table aria-label={t('stepsOf', { name: result.name })}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('colStep')}</th>
            <th scope="col">{t('colLine')}</th>
            <th scope="col">{t('colResult')}</th>
            <th scope="col">{t('colFigures')}</th>
            <th scope="col">{t('colDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((s) => (
            <tr key={s.index} className={`step-${s.status}`}>
              <td>{fmt(s.index + 1)}</td>
              <td>
                <code>{s.kind}</code>
              </td>
              <td>{s.line === null ? '' : fmt(s.line)}</td>
              <td>{t(`status.${s.status}`)}</td>
              <td className="test-figures">{figures(s.figures, fmt, t, has)}</td>
              <td>{describeStepMessage(s)}</td>
            </tr>
          ))}
          {result.expectations.map((e) => (
            <tr key={e.name} className={e.passed ? (e.warning ? 'step-warning' : 'step-passed') : 'step-failed'}>
              <td />
              <td>
                <code>expect.{e.name}</code>
              </td>
              <td />
              <td>{e.passed ? (e.warning ? t('status.warning') : t('status.passed')) : t('status.failed')}</td>
              <td className="test-figures">{figures(e.figures, fmt, t, has)}</td>
              <td>{describeStepMessage(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.timeline.latencies.length > 0 && (
        <p aria-label={t('latenciesOf', { name: result.name })}>
          {t('latencies')}: {result.timeline.latencies.map((l) => t('ms', { value: fmt(l.latencyMs) })).join(', ')}
        </p>
      )}
      {result.recording && <p className="muted">{t('inLibrary')}</p>}
    </article>
  );
}

/** The first failure in the UI language, from the steps and expectations (main's `failure` is its English). */
function firstFailure(result: TestResult, t: (key: string, params?: Record<string, unknown>) => string): string {
  const step = result.steps.find((s) => s.status === 'failed');
  if (step) {
    const params = { n: step.index + 1, kind: step.kind, line: step.line, message: describeStepMessage(step) };
    return t(step.line !== null ? 'failureStep' : 'failureStepNoLine', params);
  }
  const exp = result.expectations.find((e) => !e.passed && !e.warning);
  if (exp) return `expect.${exp.name}: ${describeStepMessage(exp)}`;
  return t('failureEnded');
}
