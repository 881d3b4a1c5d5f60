/**
 * The dossier lookup form (`?ma=`, a GET form): a well-formed code goes straight to its
 * page; anything else comes back with what a code looks like. A scanned QR code holds
 * the lookup address, so an address ending in `/ho-so/CODE` is read for its code.
 */
import { redirect } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { DOSSIER_CODE, dossierCodeFrom, dossierPath } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (({ url, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const raw = url.searchParams.get('ma') ?? '';
	if (!raw.trim()) return { code: '', error: null };
	const code = dossierCodeFrom(raw);
	if (DOSSIER_CODE.test(code)) redirect(303, dossierPath(code));
	return { code: raw.trim().slice(0, 120), error: messages[locals.lang].dossier.invalid(raw.trim().slice(0, 80)) };
}) satisfies PageServerLoad;
