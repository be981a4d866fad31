import { useTranslation } from 'react-i18next';

export function HomeScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.home')}</h1>
      <p>{t('notImplemented')}</p>
    </section>
  );
}
