import { planHeadId, planVersionId, UpdateStatusSchema, type PlanChanges, type PlanHead, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { samePerson, type Body, type PersonId } from '../domain/partnership.js';
import { diffPlan } from '../domain/plan-changes.js';
import { choosePlanYear } from '../domain/plan-year.js';
import { PlanSchema, type Plan } from '../domain/plan.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { withLatest } from '../domain/update-rules.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

export type ImportPlanInput = {
  bodyId: string;
  plan: Plan;
  /** The plan year ("2017-18"); default: the one its title names, else as `choosePlanYear` reads it. */
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
  const year = input.year ?? choosePlanYear(plan, deps.clock()).year;
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
    await makeCurrent(deps, body, year); // in case an earlier run stopped just before it
    return { bodyId: body.id, year, version: head.value.version, unchanged: true, changes: diff.changes };
  }
  const now = deps.clock().toISOString();

  const versionDoc = { id: planVersionId(year, version), bodyId: body.id, year, version, plan, fileName: input.fileName, importedBy: importer, importedAt: now, changes: diff.changes };
  let changes = diff.changes;
  if ((await deps.store.createPlanVersion(versionDoc)) === 'exists') {
    // Left by an import that stopped before its head moved: nothing points at it yet. The same
    // file again finishes that import (and its record of what changed stands); another file replaces it.
    const left = await deps.store.readPlanVersion(body.id, versionDoc.id);
    if (left !== null && sameContent(left.plan, plan)) changes = left.changes;
    else await deps.store.replacePlanVersion(versionDoc);
  }

  // Each action's imported update is written before the action that points at it, so a re-run
  // after a stop finds either both or the update alone (and then writes the action).
  const fromFile = new Map(diff.statusFromFile.map((a) => [a.ref, a]));
  const etags = new Map(stored.map((s) => [s.value.id, s.etag]));
  for (const write of diff.writes) {
    const said = fromFile.get(write.ref);
    const status = said === undefined ? null : UpdateStatusSchema.safeParse(said.status);
    let update: StatusUpdate | null = null;
    if (said !== undefined && status?.success) {
      update = {
        id: `update:${year}:${write.ref}:import-v${version}`,
        bodyId: body.id,
        actionId: write.id,
        year,
        ref: write.ref,
        status: status.data,
        narrative: said.update,
        revisedDeadline: null,
        author: importer,
        at: now,
        source: 'import',
        basedOn: null,
        planVersion: version,
      };
      if ((await deps.store.createUpdate(update)) === 'exists') update = await deps.store.readUpdate(body.id, update.id);
    }
    await saveActionFields(deps, write, etags.get(write.id) ?? null, update);
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

  await makeCurrent(deps, body, year);
  return { bodyId: body.id, year, version, unchanged: false, changes };
}

/** The newest plan year a body has is the one updates go to when none is named. */
async function makeCurrent(deps: ServiceDeps, body: Body, year: string): Promise<void> {
  if (body.currentPlanYear !== null && body.currentPlanYear >= year) return;
  await retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    if (current.value.currentPlanYear !== null && current.value.currentPlanYear >= year) return;
    await deps.store.replaceBody({ ...current.value, currentPlanYear: year }, current.etag);
  }, body.name);
}

function sameContent(a: Plan, b: Plan): boolean {
  const strip = (p: Plan) => JSON.stringify(PlanSchema.parse(p), (key, value: unknown) => (key === 'source' ? undefined : value));
  return strip(a) === strip(b);
}

/**
 * Writes an action's plan fields (and moves its latest pointer to the
 * imported update when that is newer), keeping whatever a concurrent update
 * wrote meanwhile.
 */
async function saveActionFields(deps: ServiceDeps, write: StoredAction, firstEtag: string | null, update: StatusUpdate | null): Promise<void> {
  let etag: string | null | undefined = firstEtag;
  await retryOnConflict(async () => {
    if (etag === undefined) {
      const current = await deps.store.readAction(write.bodyId, write.id);
      etag = current?.etag ?? null;
      if (current !== null) {
        write = { ...current.value, priority: write.priority, plan: write.plan, addedInVersion: write.addedInVersion, removedInVersion: write.removedInVersion };
      }
    }
    const next = update === null ? write : (withLatest(write, update) ?? write);
    try {
      await deps.store.saveAction(next, etag);
    } catch (error) {
      etag = undefined;
      if (error instanceof AlreadyExists) throw new ConcurrencyConflict(error.id);
      throw error;
    }
  }, `action ${write.ref}`);
}
