/** After sending: the tracking code from `?ma=`, big, to note down or read aloud. */
import { TRACKING_CODE } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (({ url }) => {
	const code = url.searchParams.get('ma')?.trim() ?? '';
	return { code: TRACKING_CODE.test(code) ? code : null };
}) satisfies PageServerLoad;
