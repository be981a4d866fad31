// Which bot the tests call: a WebSocket URL, the embedded demo bot, or the endpoint's upstream bot.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestBot } from '../../../../shared/contract/tests';

export function BotPicker({ value, onChange }: { value: TestBot; onChange: (b: TestBot) => void }) {
  const { t } = useTranslation('tests');
  const [url, setUrlState] = useState(value.kind === 'url' ? value.url : '');
  const setUrl = (u: string) => {
    setUrlState(u);
    onChange({ kind: 'url', url: u });
  };
  return (
    <fieldset className="test-bot">
      <legend>{t('bot')}</legend>
      <label>
        <input type="radio" name="test-bot" checked={value.kind === 'url'} onChange={() => onChange({ kind: 'url', url })} /> {t('botUrl')}
      </label>
      <input type="text" aria-label={t('botUrlField')} placeholder="ws://127.0.0.1:8000/server/ws" value={url} disabled={value.kind !== 'url'} onChange={(e) => setUrl(e.target.value)} />
      <label>
        <input type="radio" name="test-bot" checked={value.kind === 'demo'} onChange={() => onChange({ kind: 'demo', language: 'en' })} /> {t('botDemo')}
      </label>
      <label>
        <input type="radio" name="test-bot" checked={value.kind === 'upstream'} onChange={() => onChange({ kind: 'upstream' })} /> {t('botUpstream')}
      </label>
    </fieldset>
  );
}
