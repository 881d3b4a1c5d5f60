/**
 * Reading a camera frame with ZXing (zxing-wasm), the fallback for browsers without
 * BarcodeDetector. Kept apart from the worker (./decoder.worker.ts) so that tests can
 * run it in Node with the same library and options.
 */
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { DOSSIER_CODE, dossierCodeFrom } from '$lib/url';

/** A receipt has a Code 128 barcode (the code) and a QR code (the lookup address). */
export const READER_OPTIONS: ReaderOptions = {
	formats: ['Code128', 'QRCode'],
	tryHarder: true,
	// both symbols may be in the frame; either will do
	maxNumberOfSymbols: 2
};

/** What the worker answers: `text` when a code was read, `ready` once the library is loaded. */
export type DecoderMessage = { text: string } | { ready: true } | { error: string } | { text?: undefined };

type Reader = (image: ImageData | Uint8Array, options: ReaderOptions) => Promise<ReadResult[]>;

/**
 * The decoded text to hand to the page, or null: among the valid results, one that holds a
 * well-formed dossier code (bare or in the lookup address) comes first.
 */
export function pickText(results: readonly Pick<ReadResult, 'isValid' | 'text'>[]): string | null {
	const texts = results.filter((r) => r.isValid && r.text.trim() !== '').map((r) => r.text);
	return texts.find((text) => DOSSIER_CODE.test(dossierCodeFrom(text))) ?? texts[0] ?? null;
}

/** One frame: the text read from it, or null (nothing readable, or the reader failed). */
export async function readFrame(read: Reader, image: ImageData | Uint8Array): Promise<string | null> {
	try {
		return pickText(await read(image, READER_OPTIONS));
	} catch {
		return null;
	}
}
