/**
 * A dossier's public page from `GET /api/v1/dossiers/{code}/` (personal data masked):
 * status, dates, history, the agencies it passed through. An unknown code is a 404
 * whose page (./+error.svelte) says what a code looks like and offers the lookup again;
 * a code found as typed otherwise redirects to the dossier's own address.
 */
import { redirect } from '@sveltejs/kit';
import { loadDossier } from '$lib/server/dossiers';
import type { DossierLookup } from '$lib/types';
import { dossierPath } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const dossier = await loadDossier<DossierLookup>(event);
	// Found as typed (small letters, stray spaces): shown at its own address, the one
	// its receipt and QR code give, to bookmark or pass on.
	if (dossier.code !== event.params.code) redirect(308, dossierPath(dossier.code));
	return { dossier };
}) satisfies PageServerLoad;
