/** Track a petition by its code (`?ma=`, a GET form): status, dates, deadlines, answer. */
import { ApiError, apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { PetitionStatus } from '$lib/types';
import { TRACKING_CODE } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store' });
	const code = (url.searchParams.get('ma') ?? '').trim().slice(0, 60);
	if (!code) return { code, petition: null, notFound: false, invalid: false };
	if (!TRACKING_CODE.test(code)) return { code, petition: null, notFound: false, invalid: true };
	try {
		const petition = await apiGet<PetitionStatus>(
			`/api/v1/petitions/${encodeURIComponent(code)}/`,
			{ fetch, lang: locals.lang }
		);
		return { code, petition, notFound: false, invalid: false };
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404) {
			return { code, petition: null, notFound: true, invalid: false };
		}
		failFromApi(err, event, `petition ${code}`);
	}
}) satisfies PageServerLoad;
