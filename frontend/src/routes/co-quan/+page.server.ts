/** The agencies that handle procedures, a page at a time. */
import { apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import type { Agency, Paginated } from '$lib/types';
import { pageNumber, query } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

const AGENCIES_PER_PAGE = 100;

export const load = (async (event) => {
	// Kept for anonymous readers while the API's answer is unchanged (page-cache).
	sharePage(event.locals);
	const page = pageNumber(event.url);
	try {
		const agencies = await apiGet<Paginated<Agency>>(
			`/api/v1/agencies/${query({ page: page > 1 ? page : undefined, page_size: AGENCIES_PER_PAGE })}`,
			{ fetch: event.fetch, lang: event.locals.lang }
		);
		return { agencies, page, pageSize: AGENCIES_PER_PAGE };
	} catch (err) {
		failFromApi(err, event, 'agencies');
	}
}) satisfies PageServerLoad;
