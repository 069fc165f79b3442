import { useCallback, useEffect, useState } from 'react';
import type { Role, UserView } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { BackupsPanel } from './BackupsPanel';
import { LockoutsPanel } from './LockoutsPanel';
import { TelephonyPanel } from './TelephonyPanel';

const ROLES: Role[] = ['agent', 'team_lead', 'admin'];

/** The admin's screen: the desk's local profiles (name, role, optional PIN, active), PIN lock-outs, where the backups go, and the Telephony card. */
export function TeamScreen() {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserView[]>([]);
  // The empty row for a new profile starts afresh only after an add: keyed by the list's length,
  // it was mounted anew when the list first loaded, dropping a name typed in the meantime.
  const [added, setAdded] = useState(0);
  const refresh = useCallback(async () => {
    const r = await api.listUsers({});
    if (r.ok) setUsers(r.value);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <main className="team">
      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title">{t('team.title')}</h2>
        <table className="follow-up-table">
          <thead>
            <tr>
              <th>{t('team.name')}</th>
              <th>{t('team.role')}</th>
              <th>{t('session.pin')}</th>
              <th>{t('team.active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} onSaved={refresh} />
            ))}
            <UserRow
              key={`new-${added}`}
              user={null}
              onSaved={async () => {
                await refresh();
                setAdded((n) => n + 1);
              }}
            />
          </tbody>
        </table>
        <p className="muted">{t('team.hint')}</p>
      </section>
      <LockoutsPanel />
      <BackupsPanel />
      <TelephonyPanel />
    </main>
  );
}

function UserRow({ user, onSaved }: { user: UserView | null; onSaved: () => Promise<void> }) {
  const { t, errorText } = useI18n();
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [pin, setPin] = useState('');
  const [active, setActive] = useState(user?.active ?? true);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const save = async () => {
    const r = await api.saveUser({ ...(user ? { id: user.id } : {}), name, role, active, ...(pin ? { pin } : {}) });
    if (!r.ok) return setError({ field: r.error.field ?? 'name', text: errorText(r.error) });
    setError(null);
    setPin('');
    await onSaved();
  };
  const rowId = user ? `user-${user.id}` : 'user-new';
  return (
    <tr data-testid={rowId}>
      <td>
        <Field id={`${rowId}-name`} label={t('team.name')} error={error?.field === 'name' ? error.text : undefined}>
          <input id={`${rowId}-name`} value={name} placeholder={user ? '' : t('team.newName')} onChange={(e) => setName(e.target.value)} />
        </Field>
      </td>
      <td>
        <Field id={`${rowId}-role`} label={t('team.role')} error={error?.field === 'role' ? error.text : undefined}>
          <select id={`${rowId}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </td>
      <td>
        <Field id={`${rowId}-pin`} label={user?.hasPin ? t('team.pinSet') : t('team.pinNone')} error={error?.field === 'pin' ? error.text : undefined}>
          <input id={`${rowId}-pin`} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
      </td>
      <td>
        <input type="checkbox" aria-label={t('team.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </td>
      <td>
        <button type="button" onClick={() => void save()}>
          {user ? t('team.save') : t('team.add')}
        </button>
        {error && error.field !== 'name' && error.field !== 'role' && error.field !== 'pin' && <p className="field-error">{error.text}</p>}
      </td>
    </tr>
  );
}
