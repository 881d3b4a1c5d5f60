/**
 * A dossier's public page from `GET /api/v1/dossiers/{code}/` (personal data masked):
 * status, dates, history, the agencies it passed through. An unknown code is a 404
 * whose page (./+error.svelte) says what a code looks like and offers the lookup again.
 */
import { loadDossier } from '$lib/server/dossiers';
import type { DossierLookup } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => ({
	dossier: await loadDossier<DossierLookup>(event)
})) satisfies PageServerLoad;
