/** The Atom feed of the changes of an agency's procedures (the API's, from this origin). */
import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { feedResponse } from '$lib/server/alerts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	if (!/^\d{1,9}$/.test(event.params.id)) {
		error(404, { message: messages[event.locals.lang].errors.notFoundText });
	}
	return feedResponse(event, `/alerts/feeds/agency/${event.params.id}.atom`);
};
