import { COLUMN_CHOICES, ColumnChoiceSchema, overridesOf, type ColumnCorrections } from '../domain/column-corrections.js';
import { DomainError } from '../domain/errors.js';
import { normaliseHeading, type ColumnOverrides } from '../domain/plan-columns.js';

/**
 * Reads the coordinator's `--column "<heading>=<field>"` corrections (the
 * option may be given several times): e.g. `--column "Milestone=action"`;
 * after "=", a field, or "extra" to keep the column under its own heading.
 */
export function parseColumnOverrides(values: ReadonlyArray<string>): ColumnOverrides {
  const corrections: ColumnCorrections = [];
  const problems: string[] = [];
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const heading = at < 0 ? '' : normaliseHeading(value.slice(0, at));
    const fieldName = at < 0 ? '' : value.slice(at + 1).trim().toLowerCase();
    if (heading === '' || fieldName === '') {
      problems.push(`--column "${value}": write the heading as the plan has it, "=", then the field, e.g. --column "Milestone=action"`);
      continue;
    }
    const choice = ColumnChoiceSchema.safeParse(fieldName);
    if (!choice.success) {
      problems.push(`--column "${value}": "${fieldName}" is not a field; use one of ${COLUMN_CHOICES.join(', ')}`);
      continue;
    }
    corrections.push([heading, choice.data]);
  }
  if (problems.length > 0) throw new DomainError('input-invalid', problems[0]!, { problems });
  return overridesOf(corrections);
}
