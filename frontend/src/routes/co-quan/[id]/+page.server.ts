/**
 * One agency: how to reach it, a page of the procedures it handles, and following
 * their changes (`follow` action).
 */
import { error } from '@sveltejs/kit';
import { followAction } from '$lib/server/alerts';
import { ApiError, apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import { messages } from '$lib/i18n';
import type { Agency, LocalProcedureRow, Reception } from '$lib/types';
import { FOLLOW_PARAM, FOLLOW_SENT, agencyPath } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { id } = event.params;
	if (!/^\d{1,9}$/.test(id)) {
		error(404, { message: messages[event.locals.lang].errors.notFoundText });
	}
	const { entity, ...list } = await entityWithProcedures(
		event,
		apiGet<Agency>(`/api/v1/agencies/${id}/`, { fetch: event.fetch, lang: event.locals.lang }),
		loadProcedurePage(event, { agency: id }, `procedures of agency ${id}`),
		`agency ${id}`
	);
	// The province's list for this agency (its own procedures, also those the national
	// catalogue lacks); the page still stands when it cannot be read.
	let localProcedures: LocalProcedureRow[] = [];
	try {
		localProcedures = await apiGet<LocalProcedureRow[]>(
			`/api/v1/agencies/${id}/local-procedures/`,
			{ fetch: event.fetch, lang: event.locals.lang }
		);
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`local procedures of agency ${id}: ${err.message}`);
	}
	// Where it receives: a centre's counters, a department's counter at the centre.
	let reception: Reception | null = null;
	try {
		reception = await apiGet<Reception>(`/api/v1/agencies/${id}/reception/`, {
			fetch: event.fetch,
			lang: event.locals.lang
		});
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`reception of agency ${id}: ${err.message}`);
	}
	return {
		agency: entity,
		localProcedures,
		reception,
		...list,
		followSent: event.url.searchParams.get(FOLLOW_PARAM) === FOLLOW_SENT
	};
}) satisfies PageServerLoad;

export const actions = {
	follow: async (event) => {
		const { id } = event.params;
		if (!/^\d{1,9}$/.test(id)) {
			error(404, { message: messages[event.locals.lang].errors.notFoundText });
		}
		return followAction(event, { agency: Number(id) }, agencyPath(id));
	}
} satisfies Actions;
