/**
 * One life event and a page of its procedures. Anonymous readers get the kept HTML
 * while its data is unchanged (`sharePage`).
 */
import { apiGet } from '$lib/server/api';
import { entityWithProcedures, loadProcedurePage } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import type { LifeEvent } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { slug } = event.params;
	sharePage(event.locals);
	const { entity, ...list } = await entityWithProcedures(
		event,
		apiGet<LifeEvent>(`/api/v1/life-events/${encodeURIComponent(slug)}/`, {
			fetch: event.fetch,
			lang: event.locals.lang
		}),
		loadProcedurePage(event, { life_event: slug }, `procedures of life event ${slug}`),
		`lifeEvent ${slug}`
	);
	return { lifeEvent: entity, ...list };
}) satisfies PageServerLoad;
