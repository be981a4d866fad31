// First run: one clear way forward — a demo call that needs nothing, or connecting to PSR.
import { useTranslation } from 'react-i18next';
import { StartDemoCallButton } from '../components/simulator/StartDemoCallButton';
import '../styles/home.css';

export function HomeScreen({ navigate }: { navigate: (id: string) => void }) {
  const { t } = useTranslation('home');
  return (
    <section aria-labelledby="screen-title" className="home-screen">
      <h1 id="screen-title">{t('title')}</h1>
      <p className="home-lead">{t('lead')}</p>
      <div className="home-paths">
        <section className="panel home-path" aria-labelledby="home-demo">
          <h2 id="home-demo">{t('demo.title')}</h2>
          <p>{t('demo.body')}</p>
          <StartDemoCallButton onStarted={() => navigate('live')} />
        </section>
        <section className="panel home-path" aria-labelledby="home-psr">
          <h2 id="home-psr">{t('psr.title')}</h2>
          <p>{t('psr.body')}</p>
          <button type="button" className="primary" onClick={() => navigate('profiles')}>
            {t('psr.button')}
          </button>
        </section>
      </div>
      <p className="muted">
        {t('later')}{' '}
        <button type="button" className="linkish" onClick={() => navigate('library')}>
          {t('library')}
        </button>
      </p>
    </section>
  );
}
