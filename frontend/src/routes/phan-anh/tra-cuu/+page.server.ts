/** Track a petition by its code (`?ma=`, a GET form): status, dates, deadlines, answer. */
import { ApiError, apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { PetitionStatus } from '$lib/types';
import { normaliseTrackingCode, TRACKING_CODE } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	const typed = (url.searchParams.get('ma') ?? '').trim().slice(0, 60);
	// "t4t3 dk6m rnp7" as the confirmation page groups it is the code T4T3-DK6M-RNP7.
	const code = /^[0-9A-Za-z\s-]+$/.test(typed) ? normaliseTrackingCode(typed) : typed;
	// Set on each answer, not first: failFromApi sets its own and SvelteKit refuses a
	// header set twice.
	const answer = (petition: PetitionStatus | null, notFound = false, invalid = false) => {
		setHeaders({ 'cache-control': 'no-store' });
		return { code, petition, notFound, invalid };
	};
	if (!code) return answer(null);
	if (!TRACKING_CODE.test(code)) return answer(null, false, true);
	try {
		const petition = await apiGet<PetitionStatus>(
			`/api/v1/petitions/${encodeURIComponent(code)}/`,
			{ fetch, lang: locals.lang }
		);
		return answer(petition);
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404) {
			return answer(null, true);
		}
		failFromApi(err, event, `petition ${code}`);
	}
}) satisfies PageServerLoad;
