/** Home page: the portal's name and live catalogue counts from the API. */
import { error } from '@sveltejs/kit';
import { ApiError, apiGet } from '$lib/server/api';
import { API_UNAVAILABLE_MESSAGE } from '$lib/site';
import type { Summary } from '$lib/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, setHeaders }) => {
	try {
		const summary = await apiGet<Summary>('/api/v1/summary/', { fetch });
		return { summary };
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		// Without the summary there is no home page to show: answer 503 so monitors and
		// crawlers see an outage, with a message people can act on.
		console.error(`home page: ${err.message}`);
		setHeaders({ 'retry-after': '120', 'cache-control': 'no-store' });
		error(503, { message: API_UNAVAILABLE_MESSAGE, apiUnavailable: true });
	}
};
