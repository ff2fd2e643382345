import { DomainError } from '../domain/errors.js';
import { FIELDS, FieldSchema, normaliseHeading, type ColumnOverrides, type Field } from '../domain/plan-columns.js';

/** What `--column` accepts after "=": a field, or "extra" to keep the column under its own heading. */
const EXTRA = 'extra';

/**
 * Reads the coordinator's `--column "<heading>=<field>"` corrections (the
 * option may be given several times): e.g. `--column "Milestone=action"`.
 */
export function parseColumnOverrides(values: ReadonlyArray<string>): ColumnOverrides {
  const overrides = new Map<string, Field | null>();
  const problems: string[] = [];
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const heading = at < 0 ? '' : normaliseHeading(value.slice(0, at));
    const fieldName = at < 0 ? '' : value.slice(at + 1).trim().toLowerCase();
    if (heading === '' || fieldName === '') {
      problems.push(`--column "${value}": write the heading as the plan has it, "=", then the field, e.g. --column "Milestone=action"`);
      continue;
    }
    if (fieldName === EXTRA) {
      overrides.set(heading, null);
      continue;
    }
    const field = FieldSchema.safeParse(fieldName);
    if (!field.success) {
      problems.push(`--column "${value}": "${fieldName}" is not a field; use one of ${[...FIELDS, EXTRA].join(', ')}`);
      continue;
    }
    overrides.set(heading, field.data);
  }
  if (problems.length > 0) throw new DomainError('input-invalid', problems[0]!, { problems });
  return overrides;
}
