// Home: what the console does in one glance (a still of the demo stage), the two ways to start (a
// demo call that needs nothing, which opens on the stage; or connecting to PSR), and the recent calls.
import { useTranslation } from 'react-i18next';
import { StartDemoCallButton } from '../components/simulator/StartDemoCallButton';
import { RecentCalls } from '../components/stage/RecentCalls';
import { StageStill } from '../components/stage/StageStill';
import { setStageOpen } from '../components/stage/stage-route';
import '../styles/home.css';

export function HomeScreen({ navigate }: { navigate: (id: string) => void }) {
  const { t } = useTranslation('home');
  return (
    <section aria-labelledby="screen-title" className="home-screen">
      <div className="home-hero">
        <div className="home-hero-text">
          <h1 id="screen-title">{t('title')}</h1>
          <p className="home-lead">{t('lead')}</p>
          <ul className="home-points">
            <li>{t('points.watch')}</li>
            <li>{t('points.measure')}</li>
            <li>{t('points.show')}</li>
          </ul>
        </div>
        <figure className="home-still">
          <StageStill />
          <figcaption className="note">{t('stillCaption')}</figcaption>
        </figure>
      </div>
      <div className="home-paths">
        <section className="panel home-path" aria-labelledby="home-demo">
          <h2 id="home-demo">{t('demo.title')}</h2>
          <p>{t('demo.body')}</p>
          <StartDemoCallButton
            onStarted={() => {
              setStageOpen(true);
              navigate('live');
            }}
          />
        </section>
        <section className="panel home-path" aria-labelledby="home-psr">
          <h2 id="home-psr">{t('psr.title')}</h2>
          <p>{t('psr.body')}</p>
          <button type="button" className="primary" onClick={() => navigate('profiles')}>
            {t('psr.button')}
          </button>
        </section>
      </div>
      <RecentCalls openLibrary={() => navigate('library')} />
    </section>
  );
}
