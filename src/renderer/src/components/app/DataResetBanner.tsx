// Says which damaged data files were reset to defaults at start and where the damaged copies are kept;
// shown on every start until the user dismisses it.
import { useTranslation } from 'react-i18next';
import type { DataReset } from '../../../../shared/contract/app';
import { api } from '../../api/client';

function sentence(t: (k: string, o?: Record<string, string>) => string, r: DataReset): string {
  if (r.part === 'tokens') return t('dataReset.tokens');
  if (r.part === 'settings') return t('dataReset.settings');
  return t('dataReset.settingsPart', { key: r.part.replace(/^settings\./, '') });
}

export function DataResetBanner(props: { resets: DataReset[]; onDismissed: () => void }) {
  const { t } = useTranslation();
  if (props.resets.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="data-reset-title" className="banner banner-warning">
      <strong id="data-reset-title">{t('dataReset.title')}</strong>
      <ul>
        {props.resets.map((r) => (
          <li key={`${r.part}-${r.at}`}>
            {sentence(t, r)} {t('dataReset.backup', { backup: r.backup })} <span className="muted">{t('dataReset.reason', { reason: r.reason })}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void api['app:dismissDataResets']().then(props.onDismissed, props.onDismissed)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
