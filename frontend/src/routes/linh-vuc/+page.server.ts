/** All fields of the catalogue with how many procedures each has. */
import { apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import type { Field } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	// Kept for anonymous readers while the API's answer is unchanged (page-cache).
	sharePage(event.locals);
	try {
		const fields = await apiGet<Field[]>('/api/v1/fields/', {
			fetch: event.fetch,
			lang: event.locals.lang
		});
		return { fields: fields.toSorted((a, b) => a.name.localeCompare(b.name, 'vi')) };
	} catch (err) {
		failFromApi(err, event, 'fields');
	}
}) satisfies PageServerLoad;
