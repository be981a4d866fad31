// The offline simulator: start/stop it, its address and (masked) token, settings, the demo call,
// the softphone, and the calls it placed with their recordings.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulatorStatus } from '../../../shared/contract/simulator';
import { api, useEvent } from '../api/client';
import { useAction } from '../use-action';
import { PhonePanel } from '../components/simulator/PhonePanel';
import { SimCallList } from '../components/simulator/SimCallList';
import { SimulatorSettingsForm } from '../components/simulator/SimulatorSettingsForm';
import { StartDemoCallButton } from '../components/simulator/StartDemoCallButton';
import { usePresenter } from '../presenter';
import '../styles/simulator.css';

export function SimulatorScreen() {
  const { t } = useTranslation('simulator');
  const [status, setStatus] = useState<SimulatorStatus | null>(null);
  const action = useAction();
  const { busy, error } = action;
  const presenter = usePresenter();

  useEffect(() => {
    void action.run(() => api['simulator:status'](), setStatus);
  }, [action.run]);
  useEvent('simulator:changed', setStatus);

  const run = (fn: () => Promise<SimulatorStatus>) => action.run(fn, setStatus);

  const running = status?.running ?? false;
  return (
    <section aria-labelledby="screen-title" className="sim-screen">
      <h1 id="screen-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="panel" aria-labelledby="sim-status-title">
        <h2 id="sim-status-title">{t('status')}</h2>
        <p role="status" aria-label={t('state')} className={running ? 'sim-running' : 'sim-stopped'}>
          {running ? t('running') : t('stopped')}
        </p>
        <dl className="sim-facts">
          {status?.baseUrl && (
            <>
              <dt>{t('baseUrl')}</dt>
              <dd>
                <code aria-label={t('baseUrl')}>{status.baseUrl}</code>
              </dd>
            </>
          )}
          <dt>{t('token')}</dt>
          <dd>
            <code aria-label={t('token')} title={t('tokenHint')}>
              {status?.tokenLast4 ? `••••••••${presenter ? '••••' : status.tokenLast4}` : t('noToken')}
            </code>
          </dd>
          {status && (
            <>
              <dt>{t('recordDir')}</dt>
              <dd>
                <code>{status.recordDir}</code>
              </dd>
            </>
          )}
        </dl>
        <div className="row">
          {running ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => api['simulator:stop']())}>
              {t('stop')}
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={() => void run(() => api['simulator:start']())}>
              {t('start')}
            </button>
          )}
        </div>
        {error && (
          <p role="alert" className="sim-error">
            {error}
          </p>
        )}
      </div>
      <section className="panel" aria-labelledby="sim-demo-title">
        <h2 id="sim-demo-title">{t('demo')}</h2>
        <p className="muted">{t('demoHint')}</p>
        <StartDemoCallButton />
      </section>
      <PhonePanel />
      <section className="panel" aria-labelledby="sim-calls-title">
        <h2 id="sim-calls-title">{t('calls')}</h2>
        <SimCallList calls={status?.calls ?? []} />
      </section>
      {status && <SimulatorSettingsForm settings={status.settings} onSaved={setStatus} />}
    </section>
  );
}
