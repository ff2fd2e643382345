import type { MyActionsView, SetupView, SummaryView, UpdateFormView, UpdateRecordedView } from '../../src/teams/card-views.js';

/** Card views as the services hand them over, with the seeds' kind of text. */
const person = { tenantId: 'tenant', aadObjectId: 'aad-lead', displayName: 'Laura Hughes' };
const key = { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' };

export const MY_ACTIONS: MyActionsView = {
  person,
  actions: [
    { ...key, text: 'Introduce a Community Trigger awareness campaign', deadline: '2018-03-31', deadlineText: 'March 2018', status: 'amber', lastUpdatedAt: '2017-11-02T10:15:00Z' },
    { ...key, ref: '4.1', text: 'Deliver two Safer Streets days', deadline: null, deadlineText: 'Ongoing', status: 'not-reported', lastUpdatedAt: null },
  ],
};

export const UPDATE_FORM: UpdateFormView = {
  ...key,
  timeZone: 'Europe/London',
  text: 'Introduce a Community Trigger awareness campaign',
  measure: 'Campaign delivered in all towns',
  deadline: '2018-03-31',
  deadlineText: 'March 2018',
  status: 'amber',
  latestId: 'update:2017-18:3.2:abc',
  latest: { by: 'Carol Dennis', at: '2017-11-02T10:15:00Z', status: 'amber', narrative: 'Leaflets printed; launch moved to January.' },
  refreshUserIds: ['29:lead', '29:chair'],
};

export const UPDATE_RECORDED: UpdateRecordedView = {
  ...key,
  updateId: 'update:2017-18:3.2:1',
  text: UPDATE_FORM.text,
  status: 'green',
  narrative: 'Launched in Swanage and Wareham.',
  revisedDeadline: null,
  by: 'Laura Hughes',
  at: '2018-01-15T09:30:00Z',
};

export const SUMMARY: SummaryView = {
  title: 'Purbeck PCG: summary for the meeting of 20 March 2018',
  asOf: '2018-03-16T08:00:00Z',
  priorities: [
    { number: 3, title: 'Antisocial behaviour', counts: { green: 2, amber: 1, completed: 3 } },
    { number: 4, title: 'Rural crime', counts: { red: 1, 'not-reported': 2 } },
  ],
  overdue: [{ ref: '4.2', text: 'Farm watch sign-up drive', lead: 'Rural Crime Officer', deadline: '2018-02-28', status: 'red', daysOverdue: 16 }],
  meeting: '2018-03-20T14:00',
  total: 9,
  totals: { green: 2, amber: 1, red: 1, 'not-reported': 2, completed: 3 },
  notReported: [{ lead: 'Rural Crime Officer (Sam Reed)', refs: ['4.1', '4.3'] }],
  changes: [
    { ref: '2.3', text: 'Street drinking patrols', from: 'amber', to: 'red', completed: false, revisedDeadline: null },
    { ref: '3.1', text: 'Youth diversion sessions', from: 'green', to: 'completed', completed: true, revisedDeadline: null },
    { ref: '3.4', text: 'CCTV review', from: 'amber', to: 'amber', completed: false, revisedDeadline: '2018-06-30' },
  ],
  dueBeforeMeeting: [{ ref: '3.2', text: 'Park lighting survey', lead: 'Community Safety Officer', deadline: '2018-03-19', status: 'green' }],
  downloads: [
    { title: 'Download the progress table (Word)', url: 'https://actions.example.org/api/reports/abc.def' },
    { title: 'Download the progress table (Excel)', url: 'https://actions.example.org/api/reports/ghi.jkl' },
  ],
};

export const SETUP: SetupView = {
  timeZone: 'Europe/London',
  bodyId: 'purbeck-pcg',
  bodyName: 'Purbeck PCG',
  planYear: '2017-18',
  channel: 'Purbeck PCG',
  chairs: ['Cllr Pat Dunmore'],
  coordinators: ['Alex Hale'],
  meetings: ['2017-12-06T14:00', '2018-01-24T14:00', '2018-03-07T14:00'],
  today: '2018-01-10',
  chase: [{ label: 'overdue reminders', value: 'every 7 days', own: false }],
  roles: [
    { key: 'HO', name: 'Housing Manager', holder: null, delegate: null },
    { key: 'CSO', name: 'Community Safety Officer', holder: { id: '20000000-0000-4000-8000-000000000002', name: 'Alex Hale' }, delegate: { id: '20000000-0000-4000-8000-000000000003', name: 'Priya Shah' } },
  ],
};
