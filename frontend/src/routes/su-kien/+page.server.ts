/** Life events (a birth, a marriage, starting a business…) that group procedures. */
import { apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import type { LifeEvent } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	// Kept for anonymous readers while the API's answer is unchanged (page-cache).
	sharePage(event.locals);
	try {
		const lifeEvents = await apiGet<LifeEvent[]>('/api/v1/life-events/', {
			fetch: event.fetch,
			lang: event.locals.lang
		});
		return { lifeEvents };
	} catch (err) {
		failFromApi(err, event, 'life events');
	}
}) satisfies PageServerLoad;
