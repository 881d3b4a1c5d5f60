/** Every agency, for the pickers of the rating form and the statistics. */
import type { Agency, Paginated } from '$lib/types';
import { apiGet, type ApiOptions } from './api';

const PAGE_SIZE = 100;
/** A province has a few hundred agencies at most; stop well before anything runaway. */
const MAX_PAGES = 10;

export async function allAgencies(options: ApiOptions): Promise<Agency[]> {
	const agencies: Agency[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const batch = await apiGet<Paginated<Agency>>(
			`/api/v1/agencies/?page_size=${PAGE_SIZE}${page > 1 ? `&page=${page}` : ''}`,
			options
		);
		agencies.push(...batch.results);
		if (!batch.next) break;
	}
	return agencies;
}
