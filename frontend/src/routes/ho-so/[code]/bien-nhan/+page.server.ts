/**
 * The printable receipt, from `GET /api/v1/dossiers/{code}/receipt/`: the masked lookup
 * plus a Code 128 barcode and a QR code as SVG, which the page inlines only after
 * `safeSvg` has checked them (the code is shown as text either way).
 */
import { loadDossier, safeSvg } from '$lib/server/dossiers';
import type { DossierReceipt } from '$lib/types';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { barcode_svg, qr_svg, ...receipt } = await loadDossier<DossierReceipt>(event, 'receipt/');
	return { receipt, barcode: safeSvg(barcode_svg), qr: safeSvg(qr_svg) };
}) satisfies PageServerLoad;
