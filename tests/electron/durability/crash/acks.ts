import type BetterSqlite3 from 'better-sqlite3';

/** One acknowledged write, as the child printed it. */
type Ack =
  | { kind: 'S'; id: number; recordNo: string }
  | { kind: 'A'; id: number; answeredAt: number }
  | { kind: 'U'; id: number; seq: number }
  | { kind: 'P'; id: number; seq: number }
  | { kind: 'C'; id: number };

function parse(line: string): Ack | null {
  const [kind, id, value] = line.split(' ');
  const n = Number(id);
  switch (kind) {
    case 'S':
      return { kind, id: n, recordNo: value! };
    case 'A':
      return { kind, id: n, answeredAt: Number(value) };
    case 'U':
    case 'P':
      return { kind, id: n, seq: Number(value) };
    case 'C':
      return { kind, id: n };
    default:
      return null;
  }
}

/** Every write the children acknowledged, and how to find each in a database. */
export class Acknowledgements {
  private readonly acks: Ack[] = [];

  add(lines: ReadonlyArray<string>): void {
    for (const line of lines) {
      const ack = parse(line);
      if (ack) this.acks.push(ack);
    }
  }

  get count(): number {
    return this.acks.length;
  }

  all(): string[] {
    return this.acks.map((a) => JSON.stringify(a));
  }

  /**
   * The acknowledged writes `sqlite` does not hold: the record with its number,
   * its answer time, its remarks at least as new as acknowledged (a later update
   * may have committed just before the kill, unacknowledged) with the audit row
   * of the acknowledged value, each step with its audit row, each close.
   */
  missingIn(sqlite: BetterSqlite3.Database): string[] {
    type Row = { id: number; record_no: string; answered_at: number | null; remarks: string | null; closed_at: number | null };
    const calls = new Map((sqlite.prepare('SELECT id, record_no, answered_at, remarks, closed_at FROM calls').all() as Row[]).map((r) => [r.id, r]));
    const steps = new Set((sqlite.prepare('SELECT call_id, text FROM steps').all() as Array<{ call_id: number; text: string }>).map((s) => `${s.call_id}|${s.text}`));
    const audit = new Set(
      (sqlite.prepare("SELECT call_id, new_value FROM audit_log WHERE field = 'remarks' OR field LIKE 'step#%'").all() as Array<{ call_id: number; new_value: string }>).map(
        (a) => `${a.call_id}|${a.new_value}`,
      ),
    );
    const missing: string[] = [];
    for (const ack of this.acks) {
      const row = calls.get(ack.id);
      const here =
        row !== undefined &&
        (ack.kind === 'S'
          ? row.record_no === ack.recordNo
          : ack.kind === 'A'
            ? row.answered_at === ack.answeredAt
            : ack.kind === 'U'
              ? Number(row.remarks?.slice(1)) >= ack.seq && audit.has(`${ack.id}|u${ack.seq}`)
              : ack.kind === 'P'
                ? steps.has(`${ack.id}|step ${ack.seq}`) && audit.has(`${ack.id}|step ${ack.seq}`)
                : row.closed_at !== null);
      if (!here) missing.push(JSON.stringify(ack));
    }
    return missing;
  }
}
