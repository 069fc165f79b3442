import type { Kysely } from 'kysely';
import { defaultPolicy } from '../../shared/policy/defaults';
import { versionInForceAt } from '../../shared/policy/inForce';
import { policySchema, type Policy } from '../../shared/policy/schema';
import { listPolicyVersions } from '../store/policies';
import type { Database } from '../store/schema';
import type { PolicyVersionRef } from './importRow';
import type { PolicyPlan } from './importWrite';

/**
 * The policy versions rows are judged by, each row by the one in force when
 * its call came in (versionInForceAt, shared/policy/inForce.ts). A
 * database with no policy at all gets the defaults, in the first row's zone,
 * created with the import.
 */
export class PolicyVersions {
  private create: PolicyPlan['create'];

  constructor(
    private readonly versions: Array<PolicyVersionRef & { effectiveFrom: number }>,
    private readonly actor: string,
  ) {}

  static async load(db: Kysely<Database>, actor: string): Promise<PolicyVersions> {
    const rows = await listPolicyVersions(db);
    return new PolicyVersions(rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, policy: policySchema.parse(JSON.parse(r.json)) })), actor);
  }

  at(at: number, zone: string): PolicyVersionRef {
    if (this.versions.length === 0) {
      const json = JSON.stringify(defaultPolicy(zone));
      this.create = { placeholderId: -1, json, createdBy: this.actor };
      this.versions.push({ id: -1, effectiveFrom: 0, policy: policySchema.parse(JSON.parse(json)) });
    }
    return versionInForceAt(this.versions, at)!;
  }

  /** The policy of a version `at` gave (the placeholder -1 too). */
  policyOf(id: number): Policy {
    return this.versions.find((v) => v.id === id)!.policy;
  }

  /** The version number people see; null for the defaults not yet created. */
  versionOf(id: number): number | null {
    return id > 0 ? id : null;
  }

  plan(): PolicyPlan {
    return { versions: this.versions, ...(this.create ? { create: this.create } : {}) };
  }
}
