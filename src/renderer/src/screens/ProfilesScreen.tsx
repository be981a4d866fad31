// Profiles: list, create, edit, delete, choose the active one. Tokens go in, never come out.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract/app';
import type { ProfileList, ProfileView } from '../../../shared/contract/profiles';
import { api, useEvent } from '../api/client';
import { useAction } from '../use-action';
import { ProfileForm } from '../components/profiles/ProfileForm';
import { profileDisplayName, usePresenter } from '../presenter';
import { ConnectionTestResult, TestConnectionButton, type TestState } from '../components/profiles/ConnectionTest';

export function ProfilesScreen() {
  const { t } = useTranslation('profiles');
  const presenter = usePresenter();
  const [list, setList] = useState<ProfileList | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  // Each opening of the form is its own: a save that answers after the user opened another form
  // (the list's change event can come before the save's answer) closes only the form that saved.
  const [editing, setEditing] = useState<{ profile: ProfileView | null; opened: number } | null>(null);
  const openings = useRef(0);
  const open = (profile: ProfileView | null) => setEditing({ profile, opened: ++openings.current });
  const [confirming, setConfirming] = useState<ProfileView | null>(null);
  const [status, setStatus] = useState('');
  const [test, setTest] = useState<TestState | null>(null);
  const { error, run: act } = useAction();

  useEffect(() => {
    void api['profiles:list']().then(setList);
    void api['app:info']().then(setInfo);
  }, []);
  useEvent('profiles:changed', setList);

  const run = (fn: () => Promise<unknown>) => act(fn);

  return (
    <section aria-labelledby="profiles-title">
      <h1 id="profiles-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {info && (
        <p className="note" aria-label={t('storage')}>
          <strong>{t('storage')}:</strong>{' '}
          {/* The desktop note may carry a keyring warning only main knows about: show it as is. */}
          {info.secretStorage === 'os-encrypted' && info.secretStorageNote.includes('keyring') ? info.secretStorageNote : t(`storageNote.${info.secretStorage}`)}
        </p>
      )}
      <div role="status" aria-live="polite" className="muted">
        {status}
      </div>
      {error && <div role="alert" className="banner banner-error">{error}</div>}
      <div className="panel">
        <table aria-label={t('list')}>
          <thead>
            <tr>
              <th scope="col">{t('colActive')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colBaseUrl')}</th>
              <th scope="col">{t('colAuth')}</th>
              <th scope="col">{t('colToken')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list?.profiles.map((p) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="radio"
                    name="active-profile"
                    aria-label={t('useThis', { name: profileDisplayName(p, t) })}
                    checked={list.activeId === p.id}
                    onChange={() => void run(() => api['profiles:setActive']({ id: p.id }).then(setList))}
                  />
                </td>
                <th scope="row">
                  {profileDisplayName(p, t)} {p.builtin && <span className="muted">({t('builtin')})</span>}
                </th>
                <td>{p.baseUrl}</td>
                <td>{t(`schemeName.${p.authScheme}`)}</td>
                <td>
                  {p.tokenSet
                    ? presenter || !p.tokenLast4
                      ? t('tokenSetHidden')
                      : t('tokenSetLast4', { last4: p.tokenLast4 })
                    : t('tokenNotSet')}
                </td>
                <td className="row">
                  <TestConnectionButton profileId={p.id} name={profileDisplayName(p, t)} busy={false} onState={setTest} />
                  <button type="button" aria-label={`${t('common:edit')} ${profileDisplayName(p, t)}`} onClick={() => open(p)}>
                    {t('common:edit')}
                  </button>
                  {!p.builtin && (
                    <button type="button" className="danger" aria-label={`${t('common:delete')} ${profileDisplayName(p, t)}`} onClick={() => setConfirming(p)}>
                      {t('common:delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="button" className="primary" onClick={() => open(null)}>
            {t('new')}
          </button>
        </p>
      </div>
      <ConnectionTestResult state={test} />
      {confirming && (
        <div role="alertdialog" aria-labelledby="confirm-delete" className="panel">
          <p id="confirm-delete">{t('confirmDelete', { name: confirming.name })}</p>
          <div className="row">
            <button
              type="button"
              className="danger"
              onClick={() =>
                void run(async () => {
                  setList(await api['profiles:delete']({ id: confirming.id }));
                  setStatus(t('deleted', { name: confirming.name }));
                  setConfirming(null);
                })
              }
            >
              {t('confirmDeleteButton')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('common:cancel')}
            </button>
          </div>
        </div>
      )}
      {editing && (
        <ProfileForm
          key={editing.opened}
          profile={editing.profile}
          onCancel={() => setEditing(null)}
          onSaved={(p, outcome) => {
            const saved = editing.opened;
            setEditing((e) => (e?.opened === saved ? null : e));
            setStatus(outcome.tokenCleared ? t('savedTokenCleared', { name: p.name }) : t('saved', { name: p.name }));
            void api['profiles:list']().then(setList);
          }}
        />
      )}
    </section>
  );
}
