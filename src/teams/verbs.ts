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
  showSummary: 'summary.show',
  /** A plan file's preview card: Import, Cancel, and (for a coordinator of several bodies) which body. */
  importPlanUpload: 'planUpload.import',
  cancelPlanUpload: 'planUpload.cancel',
  previewPlanUploadFor: 'planUpload.previewFor',
} as const;

export type VerbName = keyof typeof VERBS;
export type Verb = (typeof VERBS)[VerbName];
