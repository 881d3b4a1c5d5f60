/**
 * The printable receipt, from `GET /api/v1/dossiers/{code}/receipt/`: the masked lookup
 * plus a Code 128 barcode and a QR code as SVG, which the page inlines only after
 * `safeSvg` has checked them (the code is shown as text either way).
 */
import { redirect } from '@sveltejs/kit';
import { loadDossier, safeSvg } from '$lib/server/dossiers';
import type { DossierReceipt } from '$lib/types';
import { receiptPath } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { barcode_svg, qr_svg, ...receipt } = await loadDossier<DossierReceipt>(event, 'receipt/');
	// Found as typed (small letters, stray spaces): the receipt at its own address.
	if (receipt.code !== event.params.code) redirect(308, receiptPath(receipt.code));
	return { receipt, barcode: safeSvg(barcode_svg), qr: safeSvg(qr_svg) };
}) satisfies PageServerLoad;
