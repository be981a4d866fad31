// Every create-stream request sent (kept by the main process under <dataDir>/history/, never with a token).
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/contract/psr';
import { usePhone } from '../../presenter';
import { formatDateTime } from '../../i18n/format';

export function HistoryPanel(props: {
  entries: HistoryEntry[];
  selectedId: string | null;
  busy: boolean;
  onOpen: (e: HistoryEntry) => void;
  onResend: (e: HistoryEntry) => void;
  onDuplicate: (e: HistoryEntry) => void;
  onDelete: (e: HistoryEntry) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation('psr');
  const phone = usePhone();
  return (
    <section className="panel history-panel" aria-labelledby="psr-history-title">
      <div className="row spread">
        <h2 id="psr-history-title">{t('history.title')}</h2>
        <button type="button" onClick={props.onRefresh}>
          {t('history.refresh')}
        </button>
      </div>
      {props.entries.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <table aria-labelledby="psr-history-title">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.destination')}</th>
              <th scope="col">{t('history.app')}</th>
              <th scope="col">{t('history.outcome')}</th>
              <th scope="col">{t('history.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => {
              const when = formatDateTime(e.at);
              const label = (action: string) => t('history.rowLabel', { action, when });
              return (
                <tr key={e.id} aria-selected={e.id === props.selectedId} className={e.id === props.selectedId ? 'selected' : undefined}>
                  <td>{when}</td>
                  <td>{phone(e.request.destination)}</td>
                  <td>{e.request.app}</td>
                  <td className={e.error ? 'outcome-error' : 'outcome-ok'}>
                    {e.error ? `${e.error.code}${e.status ? ` (${e.status})` : ''}` : e.response?.data.call_id}
                  </td>
                  <td className="row">
                    <button type="button" aria-label={label(t('history.open'))} onClick={() => props.onOpen(e)}>
                      {t('history.open')}
                    </button>
                    <button type="button" aria-label={label(t('history.resend'))} disabled={props.busy} onClick={() => props.onResend(e)}>
                      {t('history.resend')}
                    </button>
                    <button type="button" aria-label={label(t('history.duplicate'))} onClick={() => props.onDuplicate(e)}>
                      {t('history.duplicate')}
                    </button>
                    <button type="button" className="danger" aria-label={label(t('history.delete'))} onClick={() => props.onDelete(e)}>
                      {t('history.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
