import { actionIdOf, planHeadId, planVersionId, UpdateStatusSchema, type PlanChanges, type PlanHead, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { samePerson, type PersonId } from '../domain/partnership.js';
import { diffPlan, planYear } from '../domain/plan-changes.js';
import { PlanSchema, type Plan } from '../domain/plan.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { movePointer } from './record-update.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

export type ImportPlanInput = {
  bodyId: string;
  plan: Plan;
  /** The plan year ("2017-18"); default read from the plan's title. */
  year?: string;
  fileName: string;
  /** The importing coordinator (or chair): the author of the statuses the file carries. */
  by: PersonId;
};

export type ImportPlanResult = {
  bodyId: string;
  year: string;
  /** The plan version now current: new when something changed. */
  version: number;
  unchanged: boolean;
  changes: PlanChanges;
};

/**
 * Imports a plan into a body's year. Actions are matched by ref; nothing is
 * ever deleted (an action the file leaves out is marked removed and keeps
 * its history); the file's status column becomes updates authored by the
 * importing coordinator, marked as imported. Importing the same plan again
 * writes nothing.
 *
 * Order of writes, so an import that stops half way can simply be run again:
 * the version document, then the actions, then the imported updates, and
 * last the plan head that makes the version current.
 */
export async function importPlan(deps: ServiceDeps, input: ImportPlanInput): Promise<ImportPlanResult> {
  const plan = PlanSchema.parse(input.plan);
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'import a plan');
  const importer = [...body.coordinators, ...body.chairs].find((p) => samePerson(p, input.by))!;
  const year = input.year ?? planYear(plan.title);
  if (year === null) {
    throw new DomainError('plan-year-unknown', `The plan "${plan.title}" names no year such as 2017-18 in its title: say which year it is for.`);
  }
  const head = await deps.store.readPlanHead(body.id, year);
  const stored = await deps.store.listActions(body.id, year);
  const version = (head?.value.version ?? 0) + 1;
  const diff = diffPlan({
    bodyId: body.id,
    year,
    version,
    plan,
    stored: stored.map((s) => s.value),
    previous: head === null ? null : { title: head.value.title, roles: head.value.roles, priorities: head.value.priorities },
  });
  if (diff.unchanged && head !== null) {
    return { bodyId: body.id, year, version: head.value.version, unchanged: true, changes: diff.changes };
  }
  const now = deps.clock().toISOString();

  const versionDoc = { id: planVersionId(year, version), bodyId: body.id, year, version, plan, fileName: input.fileName, importedBy: importer, importedAt: now, changes: diff.changes };
  if ((await deps.store.createPlanVersion(versionDoc)) === 'exists') {
    // Left by an import that stopped before its head moved: nothing points at it yet.
    await deps.store.replacePlanVersion(versionDoc);
  }

  const etags = new Map(stored.map((s) => [s.value.id, s.etag]));
  for (const write of diff.writes) {
    await saveActionFields(deps, write, etags.get(write.id) ?? null);
  }

  for (const action of diff.statusFromFile) {
    const status = UpdateStatusSchema.safeParse(action.status);
    if (!status.success) continue;
    const actionId = actionIdOf(year, action.ref);
    const update: StatusUpdate = {
      id: `update:${year}:${action.ref}:import-v${version}`,
      bodyId: body.id,
      actionId,
      year,
      ref: action.ref,
      status: status.data,
      narrative: action.update,
      revisedDeadline: null,
      author: importer,
      at: now,
      source: 'import',
      basedOn: null,
      planVersion: version,
    };
    await deps.store.createUpdate(update);
    await movePointer(deps, body.id, actionId, update, null);
  }

  const newHead: PlanHead = {
    id: planHeadId(year),
    bodyId: body.id,
    year,
    title: plan.title,
    version,
    roles: plan.roles,
    priorities: plan.priorities.map(({ number, title, corporatePriority }) => ({ number, title, corporatePriority })),
    importedAt: now,
  };
  await retryOnConflict(async () => {
    const current = await deps.store.readPlanHead(body.id, year);
    if (current !== null && current.value.version >= version) return;
    await deps.store.savePlanHead(newHead, current?.etag ?? null).catch((error: unknown) => {
      throw error instanceof AlreadyExists ? new ConcurrencyConflict(error.id) : error;
    });
  }, `the ${year} plan`);

  if (body.currentPlanYear === null || body.currentPlanYear < year) {
    await retryOnConflict(async () => {
      const current = await requireBody(deps.store, body.id);
      if (current.value.currentPlanYear !== null && current.value.currentPlanYear >= year) return;
      await deps.store.replaceBody({ ...current.value, currentPlanYear: year }, current.etag);
    }, body.name);
  }
  return { bodyId: body.id, year, version, unchanged: false, changes: diff.changes };
}

/** Writes an action's plan fields, keeping whatever pointer a concurrent update moved meanwhile. */
async function saveActionFields(deps: ServiceDeps, write: StoredAction, firstEtag: string | null): Promise<void> {
  let etag: string | null | undefined = firstEtag;
  await retryOnConflict(async () => {
    if (etag === undefined) {
      const current = await deps.store.readAction(write.bodyId, write.id);
      etag = current?.etag ?? null;
      if (current !== null) {
        write = { ...current.value, priority: write.priority, plan: write.plan, addedInVersion: write.addedInVersion, removedInVersion: write.removedInVersion };
      }
    }
    try {
      await deps.store.saveAction(write, etag);
    } catch (error) {
      etag = undefined;
      if (error instanceof AlreadyExists) throw new ConcurrencyConflict(error.id);
      throw error;
    }
  }, `action ${write.ref}`);
}
