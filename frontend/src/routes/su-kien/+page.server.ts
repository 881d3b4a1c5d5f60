/** Life events (a birth, a marriage, starting a business…) that group procedures. */
import { apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { LifeEvent } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
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
