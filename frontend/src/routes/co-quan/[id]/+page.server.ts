/**
 * One agency: how to reach it, a page of the procedures it handles, and following
 * their changes (`follow` action). Its five reads go to the API together; anonymous
 * readers get the kept HTML while their answers are unchanged (`sharePage`).
 */
import { error } from '@sveltejs/kit';
import { followAction } from '$lib/server/alerts';
import { ApiError, apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
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
	sharePage(event.locals);
	const options = { fetch: event.fetch, lang: event.locals.lang };
	// Secondary parts, asked for beside the agency and its procedures: the page still
	// stands when one cannot be read.
	const optional = <T>(path: string, what: string, fallback: T): Promise<T> =>
		apiGet<T>(path, options).catch((err: unknown) => {
			if (!(err instanceof ApiError)) throw err;
			console.error(`${what} of agency ${id}: ${err.message}`);
			return fallback;
		});
	// The province's list for this agency (its own procedures, also those the national
	// catalogue lacks).
	const localProcedures = optional<LocalProcedureRow[]>(
		`/api/v1/agencies/${id}/local-procedures/`,
		'local procedures',
		[]
	);
	// Where it receives: a centre's counters, a department's counter at the centre.
	const reception = optional<Reception | null>(
		`/api/v1/agencies/${id}/reception/`,
		'reception',
		null
	);
	const [{ entity, ...list }, local, where] = await Promise.all([
		entityWithProcedures(
			event,
			apiGet<Agency>(`/api/v1/agencies/${id}/`, options),
			loadProcedurePage(event, { agency: id }, `procedures of agency ${id}`),
			`agency ${id}`
		),
		localProcedures,
		reception
	]);
	return {
		agency: entity,
		localProcedures: local,
		reception: where,
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
