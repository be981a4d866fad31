// Shown while the microphone is the called party: which call, the mic level, and a way out.
import { useTranslation } from 'react-i18next';
import { closePhone, usePhoneState } from '../../audio/mic-phone';

export function PhonePanel() {
  const { t } = useTranslation('simulator');
  const phone = usePhoneState();
  if (phone.status === 'idle') return null;
  const pct = Math.round(Math.min(1, phone.level) * 100);
  return (
    <section className="panel sim-phone" aria-labelledby="sim-phone-title">
      <h2 id="sim-phone-title">{t('phone')}</h2>
      <p role="status">{t('phoneLive')}</p>
      {phone.callId && <p className="muted">{t('micFor', { id: phone.callId.slice(0, 8) })}</p>}
      <meter className="sim-meter" aria-label={t('micLevel')} min={0} max={100} value={pct} />
      <button type="button" onClick={() => void closePhone()}>
        {t('stopMic')}
      </button>
    </section>
  );
}
