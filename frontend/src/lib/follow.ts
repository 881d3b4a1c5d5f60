/** The follow form's state, shared by the pages and `$lib/server/alerts` (its action). */

/** What the follow form shows after a failed post (the page's `form.follow`). */
export interface FollowFailure {
	email: string;
	errors: { email?: string[] };
	message?: string;
}

/** The follow form on a page: sent ("check your e-mail"), or as the last post left it. */
export interface FollowState extends Partial<FollowFailure> {
	sent: boolean;
}

/** The state for a page's render: sent (from its URL), or the last post's failure. */
export function followState(sent: boolean, failure?: FollowFailure | null): FollowState {
	return failure ? { sent: false, ...failure } : { sent };
}
