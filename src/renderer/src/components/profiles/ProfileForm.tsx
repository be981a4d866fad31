// Create/edit one profile. The token field is write-only: masked, with a reveal-while-typing toggle.
// A stored token is bound to the origin of the base URL it was saved with: moving the profile to another
// origin without a new token removes it, and the form says so before and after saving.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileSaveArgsSchema, type AuthScheme, type ProfileView } from '../../../../shared/contract/profiles';
import { api, ApiError } from '../../api/client';
import { errorText } from '../../errors';

type FieldName = 'name' | 'baseUrl' | 'authScheme' | 'token';

/** scheme://host:port of a URL, or null while it is not one (being typed). */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** What a save did besides saving: the stored token was removed because the address moved to another origin. */
export interface SaveOutcome {
  tokenCleared: boolean;
}

export function ProfileForm(props: { profile: ProfileView | null; onSaved: (p: ProfileView, outcome: SaveOutcome) => void; onCancel: () => void }) {
  const { t } = useTranslation('profiles');
  const id = useId();
  const p = props.profile;
  const [name, setName] = useState(p?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(p?.baseUrl ?? 'https://');
  const [authScheme, setAuthScheme] = useState<AuthScheme>(p?.authScheme ?? 'bearer');
  const [token, setToken] = useState('');
  const [reveal, setReveal] = useState(false);
  const [clearToken, setClearToken] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Editing a profile with a token, no new one typed, and the address now on another server: it will be removed.
  const newOrigin = originOf(baseUrl.trim());
  const tokenWillClear = !!p?.tokenSet && !p.builtin && !token && !clearToken && newOrigin !== null && newOrigin !== originOf(p.baseUrl);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const args = {
      ...(p ? { id: p.id } : {}),
      name,
      baseUrl,
      authScheme,
      ...(token ? { token } : {}),
      ...(clearToken ? { clearToken: true } : {}),
    };
    // The same schema the main process enforces, checked here first for messages beside each field.
    const check = profileSaveArgsSchema.safeParse(args);
    if (!check.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of check.error.issues) {
        const f = String(issue.path[0]) as FieldName;
        next[f] ??= t(`errors.${f}`);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api['profiles:save'](args);
      setToken('');
      // Main keeps a token only for the origin it was saved with: tokenSet went false without being asked to.
      props.onSaved(saved, { tokenCleared: !!p?.tokenSet && !saved.tokenSet && !token && !clearToken });
    } catch (err) {
      if (err instanceof ApiError && err.field && ['name', 'baseUrl', 'authScheme', 'token'].includes(err.field)) {
        setErrors({ [err.field]: errorText(err) });
      } else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (f: FieldName) => ({
    id: `${id}-${f}`,
    'aria-invalid': errors[f] ? true : undefined,
    'aria-describedby': `${id}-${f}-hint${errors[f] ? ` ${id}-${f}-error` : ''}`,
  });
  const errorOf = (f: FieldName) =>
    errors[f] ? (
      <span id={`${id}-${f}-error`} className="field-error" role="alert">
        {errors[f]}
      </span>
    ) : null;

  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-title`}>{p ? t('editTitle', { name: p.name }) : t('newTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('name')}</label>
        <input type="text" {...field('name')} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <span id={`${id}-name-hint`} className="hint">{t('nameHint')}</span>
        {errorOf('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-baseUrl`}>{t('baseUrl')}</label>
        <input
          type="url"
          {...field('baseUrl')}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          readOnly={p?.builtin === true}
        />
        <span id={`${id}-baseUrl-hint`} className="hint">{p?.builtin ? t('baseUrlBuiltinHint') : t('baseUrlHint')}</span>
        {errorOf('baseUrl')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-authScheme`}>{t('authScheme')}</label>
        <select {...field('authScheme')} value={authScheme} onChange={(e) => setAuthScheme(e.target.value as AuthScheme)}>
          <option value="bearer">{t('bearer')}</option>
          <option value="basic">{t('basic')}</option>
          <option value="none">{t('none')}</option>
        </select>
        <span id={`${id}-authScheme-hint`} className="hint">{t('authSchemeHint')}</span>
        {errorOf('authScheme')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('token')}</label>
        <input
          type={reveal ? 'text' : 'password'}
          {...field('token')}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="new-password"
          spellCheck={false}
          disabled={clearToken}
        />
        <span id={`${id}-token-hint`} className="hint">
          {tokenWillClear
            ? t('tokenHintOriginChange', { origin: newOrigin })
            : p?.tokenSet && p.tokenLast4
              ? t('tokenHintKeep', { last4: p.tokenLast4 })
              : t('tokenHintNew')}
        </span>
        {errorOf('token')}
        <label className="row">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> {t('reveal')}
        </label>
        {p?.tokenSet && (
          <label className="row">
            <input type="checkbox" checked={clearToken} onChange={(e) => setClearToken(e.target.checked)} /> {t('clearToken')}
          </label>
        )}
      </div>
      {formError && <div role="alert" className="field-error">{formError}</div>}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('common:save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
