// The library's search and filter bar.
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../shared/contract/calls';
import { DateFilterInput } from './DateFilterInput';
import { emptyFilter, type LibraryFilter } from './library-filter';

export function LibraryFilters({ calls, value, onChange }: { calls: readonly CallSummary[]; value: LibraryFilter; onChange: (f: LibraryFilter) => void }) {
  const { t } = useTranslation('library');
  const tenants = [...new Set(calls.map((c) => c.tenant).filter((x): x is string => !!x))].sort();
  const sources = [...new Set(calls.flatMap((c) => c.sources))].sort();
  const set = (patch: Partial<LibraryFilter>) => onChange({ ...value, ...patch });
  return (
    <form role="search" aria-label={t('filter.label')} className="row library-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filter.text')}{' '}
        <input type="search" value={value.text} placeholder={t('filter.textPlaceholder')} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <DateFilterInput label={t('filter.from')} value={value.from} onChange={(from) => set({ from })} />
      <DateFilterInput label={t('filter.to')} value={value.to} onChange={(to) => set({ to })} />
      <label>
        {t('filter.tenant')}{' '}
        <select value={value.tenant} onChange={(e) => set({ tenant: e.target.value })}>
          <option value="">{t('filter.any')}</option>
          {tenants.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.source')}{' '}
        <select value={value.source} onChange={(e) => set({ source: e.target.value })}>
          <option value="">{t('filter.any')}</option>
          {sources.map((x) => (
            <option key={x} value={x}>
              {t(`source.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.minDuration')} <input type="number" min={0} className="num" value={value.minS} onChange={(e) => set({ minS: e.target.value })} />
      </label>
      <label>
        {t('filter.maxDuration')} <input type="number" min={0} className="num" value={value.maxS} onChange={(e) => set({ maxS: e.target.value })} />
      </label>
      <button type="button" onClick={() => onChange(emptyFilter)}>
        {t('filter.clear')}
      </button>
    </form>
  );
}
