// Owned by the simulator work (issue 5): starts simulator + endpoint with the demo bot + a call.
import { useTranslation } from 'react-i18next';

export function StartDemoCallButton(_props: { onStarted?: (callId: string) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" disabled>
      {t('notImplemented')}
    </button>
  );
}
