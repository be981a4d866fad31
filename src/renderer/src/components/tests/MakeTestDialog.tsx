// "Make a test from this call" (call library): the caller's lines become say steps, the measured
// turn latencies plus a margin become expect_reply limits; written as a scenario in a folder.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../use-action';
import '../../styles/tests.css';

export function MakeTestButton({ callId, disabled }: { callId: string; disabled?: boolean }) {
  const { t } = useTranslation('tests');
  const [open, setOpen] = useState(false);
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [margin, setMargin] = useState(500);
  const [done, setDone] = useState('');
  const { busy, error, run } = useAction();
  if (!open)
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        {t('make.open')}
      </button>
    );
  return (
    <div role="dialog" aria-labelledby="make-test-title" className="panel make-test">
      <h3 id="make-test-title">{t('make.title')}</h3>
      <label>
        {t('make.folder')} <input type="text" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/me/bot/tests" />
      </label>
      <label>
        {t('make.name')} <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('make.margin')} <input type="number" min={0} max={10000} step={50} value={margin} onChange={(e) => setMargin(Math.max(0, Math.min(10_000, Number(e.target.value) || 0)))} />
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy || !folder.trim()}
          onClick={() =>
            void run(
              () => api['tests:makeFromCall']({ callId, folder: folder.trim(), marginMs: margin, ...(name.trim() ? { name: name.trim() } : {}) }),
              (r) => setDone(t('make.done', { file: r.file, says: r.says, steps: r.steps })),
            )
          }
        >
          {t('make.create')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('make.cancel')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {done}
      </p>
      {error && <p role="alert" className="test-failure">{error}</p>}
    </div>
  );
}
