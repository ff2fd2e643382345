import { z } from 'zod';
import type { Body } from '../domain/partnership.js';
import { createBody } from './create-body.js';
import type { ServiceDeps } from './deps.js';
import { importPlan } from './import-plan.js';
import { mapRole } from './map-role.js';
import { readPlanFile } from './read-plan-file.js';
import { setMeetings } from './set-meetings.js';

const SamplePersonSchema = z.object({ aadObjectId: z.string().min(1), displayName: z.string().min(1) });

/** `examples/sample-partnership.json`: a CSP, one PCG with its plan file, fictional people in its roles. */
export const SamplePartnershipSchema = z.object({
  tenantId: z.string().min(1),
  csp: z.object({ id: z.string(), name: z.string(), chairs: z.array(SamplePersonSchema), coordinators: z.array(SamplePersonSchema) }),
  pcg: z.object({
    id: z.string(),
    name: z.string(),
    plan: z.string(),
    chairs: z.array(SamplePersonSchema),
    coordinators: z.array(SamplePersonSchema),
    meetings: z.array(z.string()),
    roles: z.array(z.object({ key: z.string(), person: SamplePersonSchema, delegate: SamplePersonSchema.nullable() })),
  }),
});
export type SamplePartnership = z.infer<typeof SamplePartnershipSchema>;

export type LoadedSample = { csp: Body; pcg: Body; year: string; actions: number };

/** Loads the sample partnership into an empty store: the CSP, the PCG, its plan, its people and meetings. */
export async function loadSamplePartnership(
  deps: ServiceDeps,
  input: { sample: unknown; planBytes: Uint8Array; planFileName: string },
): Promise<LoadedSample> {
  const sample = SamplePartnershipSchema.parse(input.sample);
  const tenantId = sample.tenantId;
  const person = (p: z.infer<typeof SamplePersonSchema>) => ({ tenantId, ...p });
  await createBody(deps, {
    id: sample.csp.id,
    kind: 'csp',
    name: sample.csp.name,
    parentId: null,
    tenantId,
    chairs: sample.csp.chairs.map(person),
    coordinators: sample.csp.coordinators.map(person),
  });
  const pcgId = sample.pcg.id;
  await createBody(deps, {
    id: pcgId,
    kind: 'pcg',
    name: sample.pcg.name,
    parentId: sample.csp.id,
    tenantId,
    chairs: sample.pcg.chairs.map(person),
    coordinators: sample.pcg.coordinators.map(person),
  });
  const coordinator = person(sample.pcg.coordinators[0]!);
  const reading = await readPlanFile(input.planBytes, input.planFileName);
  let year = '';
  let actions = 0;
  for (const plan of reading.plans) {
    const result = await importPlan(deps, { bodyId: pcgId, plan, fileName: input.planFileName, by: coordinator });
    year = result.year;
    actions += result.changes.added.length;
  }
  for (const role of sample.pcg.roles) {
    await mapRole(deps, { bodyId: pcgId, roleKey: role.key, person: person(role.person), delegate: role.delegate ? person(role.delegate) : null, by: coordinator });
  }
  const pcg = await setMeetings(deps, { bodyId: pcgId, meetings: sample.pcg.meetings, by: coordinator });
  const csp = (await deps.store.readBody(sample.csp.id))!.value;
  return { csp, pcg, year, actions };
}
