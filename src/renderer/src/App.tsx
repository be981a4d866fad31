// The shell: header (language, presenter mode, connection), navigation, settings warnings, one screen.
import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, UiPrefs } from '../../shared/contract/app';
import { api, useConnectionState, useEvent } from './api/client';
import { DataResetBanner } from './components/app/DataResetBanner';
import { errorText } from './errors';
import i18n, { languages, type Language } from './i18n';
import { setPresenterMode, usePresenter } from './presenter';
import { screens } from './screens/registry';

export function App() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const presenter = usePresenter();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [prefs, setPrefs] = useState<UiPrefs | null>(null);
  const [screen, setScreen] = useState('home');
  const [dismissed, setDismissed] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const applyPrefs = useCallback((p: UiPrefs) => {
    setPrefs(p);
    setPresenterMode(p.presenterMode);
    if (i18n.language !== p.language) void i18n.changeLanguage(p.language);
    document.documentElement.lang = p.language;
  }, []);

  useEffect(() => {
    Promise.all([api['app:info'](), api['app:getPrefs']()])
      .then(([i, p]) => {
        setInfo(i);
        applyPrefs(p);
        if (screens.some((s) => s.id === p.lastScreen)) setScreen(p.lastScreen);
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  }, [applyPrefs]);

  useEvent('app:prefsChanged', applyPrefs);

  // Show a preference change at once; main stores it and echoes it back (app:prefsChanged).
  const changePrefs = (patch: Partial<UiPrefs>) => {
    if (prefs) applyPrefs({ ...prefs, ...patch });
    void api['app:setPrefs'](patch).then(applyPrefs, (e: unknown) => setLoadError(errorText(e)));
  };

  const navigate = useCallback((id: string) => {
    setScreen(id);
    void api['app:setPrefs']({ lastScreen: id }).catch(() => {});
  }, []);

  const current = screens.find((s) => s.id === screen) ?? screens[0]!;
  const loaded = info !== null && prefs !== null;

  return (
    <div className="app" data-app-state={loaded ? 'loaded' : 'loading'}>
      <header className="app-header">
        <span className="app-name">{t('appName')}</span>
        {/* The navigation has its own row, on one line, so long Vietnamese labels never wrap it. */}
        <nav aria-label={t('nav.label')} className="app-nav">
          {screens.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-current={s.id === current.id ? 'page' : undefined}
              onClick={() => navigate(s.id)}
            >
              {t(s.labelKey)}
            </button>
          ))}
        </nav>
        <div className="app-tools">
          <label>
            {t('language')}{' '}
            <select
              value={prefs?.language ?? 'en'}
              onChange={(e) => changePrefs({ language: e.target.value as Language })}
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l === 'en' ? 'English' : 'Tiếng Việt'}
                </option>
              ))}
            </select>
          </label>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={presenter}
              onChange={(e) => changePrefs({ presenterMode: e.target.checked })}
            />{' '}
            {t('presenterMode')}
          </label>
          <span role="status" className={`conn conn-${connection}`} title={t(`connection.${connection}`)}>
            <span aria-hidden="true">●</span>
            <span className="visually-hidden">{t(`connection.${connection}`)}</span>
          </span>
        </div>
      </header>
      {loadError && (
        <div role="alert" className="banner banner-error">
          {t('error')}: {loadError}
        </div>
      )}
      {info && !dismissed && <DataResetBanner resets={info.dataResets} onDismissed={() => setDismissed(true)} />}
      <main className="app-main">
        {loaded ? (
          <Suspense fallback={<p>{t('loading')}</p>}>
            <current.Component navigate={navigate} />
          </Suspense>
        ) : (
          <p>{t('loading')}</p>
        )}
      </main>
    </div>
  );
}
