/** The Atom feed of the changes of a field's procedures (the API's, from this origin). */
import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { feedResponse } from '$lib/server/alerts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	// Django's <slug:…> converter: anything else would be its 404 anyway.
	if (!/^[-\w]{1,300}$/.test(event.params.slug)) {
		error(404, { message: messages[event.locals.lang].errors.notFoundText });
	}
	return feedResponse(event, `/alerts/feeds/field/${encodeURIComponent(event.params.slug)}.atom`);
};
