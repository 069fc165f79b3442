/**
 * Record numbers: 'CS' + local YYYYMMDD + a daily serial of at least three digits
 * (SPEC; seed 003: CS20240520001). Past 999 calls a day the serial simply grows a digit.
 * @example formatRecordNo('2024-05-20', 1) === 'CS20240520001'
 */
export function formatRecordNo(localDate: string, serial: number): string {
  return `CS${localDate.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
}

/** The shape of a record number, for validating imports and requests. */
export const RECORD_NO_PATTERN = /^CS\d{8}\d{3,}$/;
