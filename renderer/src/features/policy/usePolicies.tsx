import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PolicyVersion } from '../../../../shared/api/records';
import type { Policy } from '../../../../shared/policy/schema';
import { api } from '../../api';

interface Policies {
  current: PolicyVersion | null;
  /** The policy a record is judged by; null while it loads. */
  policyFor(version: number | null): Policy | null;
  /** After the admin saved a new version. */
  setCurrent(version: PolicyVersion): void;
}

const PoliciesContext = createContext<Policies | null>(null);

/** Policy versions never change, so each is fetched once and kept for the session. */
export function PoliciesProvider({ children }: { children: ReactNode }) {
  const [versions, setVersions] = useState<Map<number, Policy>>(new Map());
  const [current, setCurrentState] = useState<PolicyVersion | null>(null);
  const [wanted, setWanted] = useState<Set<number>>(new Set());

  const remember = useCallback((v: PolicyVersion) => setVersions((prev) => new Map(prev).set(v.version, v.policy)), []);
  const setCurrent = useCallback(
    (v: PolicyVersion) => {
      remember(v);
      setCurrentState(v);
    },
    [remember],
  );

  useEffect(() => {
    void api.getPolicy({}).then((r) => r.ok && setCurrent(r.value));
  }, [setCurrent]);

  useEffect(() => {
    for (const version of wanted) {
      if (versions.has(version)) continue;
      void api.getPolicy({ version }).then((r) => r.ok && remember(r.value));
    }
  }, [wanted, versions, remember]);

  const policyFor = useCallback(
    (version: number | null) => {
      if (version === null) return current?.policy ?? null;
      const known = versions.get(version);
      if (!known && !wanted.has(version)) queueMicrotask(() => setWanted((prev) => new Set(prev).add(version)));
      return known ?? null;
    },
    [versions, wanted, current],
  );

  const value = useMemo(() => ({ current, policyFor, setCurrent }), [current, policyFor, setCurrent]);
  return <PoliciesContext.Provider value={value}>{children}</PoliciesContext.Provider>;
}

export function usePolicies(): Policies {
  const value = useContext(PoliciesContext);
  if (!value) throw new Error('usePolicies outside PoliciesProvider');
  return value;
}
