/** The Atom feed of a procedure's changes (the API's, from this origin). */
import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { feedResponse } from '$lib/server/alerts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	if (!/^[\w.-]{1,40}$/.test(event.params.code)) {
		error(404, { message: messages[event.locals.lang].procedure.notFoundText });
	}
	return feedResponse(event, `/alerts/feeds/procedure/${encodeURIComponent(event.params.code)}.atom`);
};
