import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/** `refused`: why the token was not accepted (no key material: see patches/). `invoke`: the turn's answer to an invoke. */
export type CheckedTurn = { refused: string } | { refused: null; invoke: InvokeResponse | undefined };

/**
 * The Teams adapter with its two steps apart: the token, checked by
 * botbuilder against the Bot Framework's OpenID keys, and then the turn.
 * CloudAdapter's `process` does both and answers a token it cannot verify
 * with a 500 and a stack on stderr; apart, every failure of the first step is
 * a refusal the endpoint answers with 401 and logs once, as JSON.
 */
export class CheckedAdapter extends TeamsAdapter {
  async processChecked(activity: Activity, authHeader: string, logic: (context: TurnContext) => Promise<void>): Promise<CheckedTurn> {
    let auth;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      return { refused: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
    }
    return { refused: null, invoke: await this.processActivity(auth, activity, logic) };
  }
}
