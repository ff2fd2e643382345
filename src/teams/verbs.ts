/**
 * Every Action.Execute verb, named once. Card templates never spell a verb:
 * they read it from `$root.verbs`, which the renderer binds to this object,
 * so a renamed verb cannot leave a card pointing at no route.
 */
export const VERBS = {
  openUpdate: 'action.openUpdate',
  /** Opens an action's update card beside the card pressed (a list, a channel post), never in its place. */
  sendUpdateCard: 'action.sendUpdateCard',
  recordUpdate: 'action.recordUpdate',
  refreshUpdate: 'action.refreshUpdate',
  undoUpdate: 'action.undoUpdate',
  refreshMyActions: 'myActions.refresh',
  /** A digest's Update button: the action's update card in the digest's place; recording it brings the digest back. */
  openFromDigest: 'digest.openUpdate',
  refreshDigest: 'digest.refresh',
  showSummary: 'summary.show',
  /** A coordinator closes one of last year's actions left open, with its final status and reason. */
  closeAtYearEnd: 'yearEnd.close',
  /** Moves a body's channel link here, after the card named the channel it leaves. */
  confirmLink: 'link.confirm',
  cancelLink: 'link.cancel',
  /** Starts a new PCG or CSP from the card `link <new id>` offered, and links the channel to it. */
  createBody: 'body.create',
  /** The set-up card of a body (`setup`, its Refresh, a choice among bodies). */
  openSetup: 'setup.open',
  saveSetup: 'setup.save',
  /** A plan file's preview card: Import, Cancel, and (for a coordinator of several bodies) which body. */
  importPlanUpload: 'planUpload.import',
  cancelPlanUpload: 'planUpload.cancel',
  previewPlanUploadFor: 'planUpload.previewFor',
  /** "Read again" under "Correct a column": the same file read with the coordinator's column choices. */
  rereadPlanUpload: 'planUpload.readAgain',
  /** A calendar file's preview card: Add its meetings (Cancel is the plan's). */
  importMeetingsUpload: 'meetingsUpload.add',
} as const;

export type VerbName = keyof typeof VERBS;
export type Verb = (typeof VERBS)[VerbName];
