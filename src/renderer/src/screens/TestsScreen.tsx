// Bot tests: pick scenario files (or a folder), the bot, run; pass/fail per step with figures; each
// call's recording goes to the call library. Re-run one test or all of them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioFileView, TestBot, TestRunView } from '../../../shared/contract/tests';
import { api, useEvent } from '../api/client';
import { describeError } from '../i18n/describe';
import { BotPicker } from '../components/tests/BotPicker';
import { TestResultCard } from '../components/tests/TestResultCard';
import { useAction } from '../use-action';
import '../styles/tests.css';

export function TestsScreen() {
  const { t, i18n } = useTranslation('tests');
  const nf = new Intl.NumberFormat(i18n.language);
  const [paths, setPaths] = useState('');
  const [files, setFiles] = useState<ScenarioFileView[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bot, setBot] = useState<TestBot>({ kind: 'url', url: '' });
  const [parallel, setParallel] = useState(2);
  const [run, setRun] = useState<TestRunView | null>(null);
  const action = useAction();
  const { busy, error } = action;

  useEffect(() => {
    void action.run(() => api['tests:status'](), setRun);
  }, [action.run]);
  useEvent('tests:changed', setRun);

  const scan = () =>
    action.run(
      () => api['tests:scan']({ paths: paths.split('\n').map((p) => p.trim()).filter(Boolean) }),
      (r) => {
        setFiles(r.files);
        setSelected(new Set(r.files.filter((f) => !f.error).map((f) => f.file)));
      },
    );
  const start = (list: string[]) => action.run(() => api['tests:run']({ files: list, bot, parallel }), setRun);
  const toggle = (file: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(file)) n.delete(file);
      else n.add(file);
      return n;
    });

  const running = run?.running ?? false;
  const done = run?.results.length ?? 0;
  const passed = run?.results.filter((r) => r.passed).length ?? 0;
  return (
    <section aria-labelledby="tests-title" className="tests-screen">
      <h1 id="tests-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
      <div className="panel">
        <h2>{t('scenarios')}</h2>
        <label htmlFor="tests-paths">{t('paths')}</label>
        <textarea id="tests-paths" rows={2} value={paths} placeholder={t('pathsHint')} onChange={(e) => setPaths(e.target.value)} />
        <div className="row">
          <button type="button" disabled={busy || !paths.trim()} onClick={() => void scan()}>
            {t('find')}
          </button>
        </div>
        {files && (
          <ul className="test-files" aria-label={t('files')}>
            {files.length === 0 && <li className="muted">{t('noFiles')}</li>}
            {files.map((f) => (
              <li key={f.file}>
                <label>
                  <input type="checkbox" disabled={!!f.error} checked={selected.has(f.file)} onChange={() => toggle(f.file)} /> {f.name ?? f.file.split(/[\\/]/).pop()}
                </label>{' '}
                <span className="muted">{f.error ? '' : t('stepCount', { count: f.steps, n: nf.format(f.steps) })}</span>
                {f.error && <div className="test-failure">{describeError(f.error)}</div>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="panel">
        <BotPicker value={bot} onChange={setBot} />
        <label>
          {t('parallel')} <input type="number" min={1} max={8} value={parallel} onChange={(e) => setParallel(Math.max(1, Math.min(8, Number(e.target.value) || 1)))} />
        </label>
        <div className="row">
          <button type="button" className="primary" disabled={busy || running || selected.size === 0} onClick={() => void start([...selected])}>
            {t('runSelected', { n: nf.format(selected.size) })}
          </button>
          <button type="button" disabled={busy || running || !run?.files.length} onClick={() => run && void start(run.files)}>
            {t('rerunAll')}
          </button>
        </div>
      </div>
      {run?.runId && (
        <div className="panel">
          <h2>{t('results')}</h2>
          <p role="status" aria-live="polite" aria-label={t('runStatus')}>
            {running ? t('progressRunning', { done: nf.format(done), total: nf.format(run.total) }) : t('progressDone', { passed: nf.format(passed), failed: nf.format(done - passed), invalid: nf.format(run.invalid.length + run.unreachable.length) })}
          </p>
          {run.bot && <p className="muted">{t('calling', { bot: run.bot })}</p>}
          {[...run.invalid, ...run.unreachable.map((u) => ({ ...u, code: 'BOT_UNREACHABLE' }))].map((i) => (
            <p key={i.file} className="test-failure">
              {describeError(i)}
            </p>
          ))}
          {run.results.map((r) => (
            <TestResultCard key={r.callId} result={r} busy={busy || running} onRerun={() => void start([r.file])} />
          ))}
        </div>
      )}
    </section>
  );
}
