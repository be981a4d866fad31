// "Test connection" for one profile, and the verdict in plain words: which of address, token and
// server is at fault. Main sends the outcome and codes (psr:testConnection); the words are here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../../../shared/contract/psr';
import { api } from '../../api/client';
import { errorText } from '../../errors';
import { formatNumber } from '../../i18n/format';

export interface TestState {
  name: string;
  result: ConnectionTest | null;
  error: string | null;
}

export function TestConnectionButton(props: { profileId: string; name: string; onState: (s: TestState) => void; busy: boolean }) {
  const { t } = useTranslation('profiles');
  const [running, setRunning] = useState(false);
  const test = async () => {
    setRunning(true);
    props.onState({ name: props.name, result: null, error: null });
    try {
      props.onState({ name: props.name, result: await api['psr:testConnection']({ profileId: props.profileId }), error: null });
    } catch (e) {
      props.onState({ name: props.name, result: null, error: errorText(e) });
    } finally {
      setRunning(false);
    }
  };
  return (
    <button type="button" aria-label={t('test.buttonFor', { name: props.name })} disabled={running || props.busy} onClick={() => void test()}>
      {t('test.button')}
    </button>
  );
}

export function ConnectionTestResult({ state }: { state: TestState | null }) {
  const { t } = useTranslation('profiles');
  if (!state) return null;
  const r = state.result;
  const text = state.error
    ? `${state.name}: ${state.error}`
    : r
      ? t(`test.outcome.${r.outcome}`, {
          name: state.name,
          status: r.status ?? '—',
          reason: r.code ? t(`test.cause.${r.code}`, { defaultValue: r.code }) : '',
        })
      : t('test.running', { name: state.name });
  const tone = state.error || (r && r.outcome !== 'ok') ? 'banner-error' : r ? 'banner-ok' : '';
  return (
    <section className={`panel connection-test ${tone}`} aria-labelledby="connection-test-title">
      <h2 id="connection-test-title">{t('test.title')}</h2>
      <p role="status" data-outcome={r?.outcome ?? (state.error ? 'error' : 'running')}>
        {text}
      </p>
      {r && (
        <p className="note">
          <span translate="no">GET {r.url}</span> · {t('test.took', { ms: formatNumber(r.durationMs) })}
        </p>
      )}
      <p className="note">{t('test.how')}</p>
    </section>
  );
}
