/** One agency: how to reach it, and a page of the procedures it handles. */
import { error } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import { messages } from '$lib/i18n';
import type { Agency } from '$lib/types';
import type { PageServerLoad } from './$types';

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
	return { agency: entity, ...list };
}) satisfies PageServerLoad;
