/**
 * One field, a page of its procedures, and following its changes (`follow` action).
 * Anonymous readers get the kept HTML while its data is unchanged (`sharePage`).
 */
import { followAction } from '$lib/server/alerts';
import { apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import type { Field } from '$lib/types';
import { FOLLOW_PARAM, FOLLOW_SENT, fieldPath } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { slug } = event.params;
	sharePage(event.locals);
	const { entity, ...list } = await entityWithProcedures(
		event,
		apiGet<Field>(`/api/v1/fields/${encodeURIComponent(slug)}/`, {
			fetch: event.fetch,
			lang: event.locals.lang
		}),
		loadProcedurePage(event, { field: slug }, `procedures of field ${slug}`),
		`field ${slug}`
	);
	return {
		field: entity,
		...list,
		followSent: event.url.searchParams.get(FOLLOW_PARAM) === FOLLOW_SENT
	};
}) satisfies PageServerLoad;

export const actions = {
	follow: (event) => followAction(event, { field: event.params.slug }, fieldPath(event.params.slug))
} satisfies Actions;
