/** One field and a page of its procedures. */
import { apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import type { Field } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { slug } = event.params;
	const { entity, ...list } = await entityWithProcedures(
		event,
		apiGet<Field>(`/api/v1/fields/${encodeURIComponent(slug)}/`, { fetch: event.fetch, lang: event.locals.lang }),
		loadProcedurePage(event, { field: slug }, `procedures of field ${slug}`),
		`field ${slug}`
	);
	return { field: entity, ...list };
}) satisfies PageServerLoad;
