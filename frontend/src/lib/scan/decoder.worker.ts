/// <reference lib="webworker" />
/**
 * The fallback barcode decoder, a module worker that /scan.js starts only when the scan
 * button is pressed in a browser without BarcodeDetector. It gets camera frames as
 * ImageData and answers `{ text }` for a frame with a code (see ./read.ts).
 *
 * Vite bundles it with zxing-wasm's reader build; the .wasm file is emitted into the
 * build next to it and fetched from our own origin (the library's default is a CDN).
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { readFrame, type DecoderMessage } from './read';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const answer = (message: DecoderMessage) => scope.postMessage(message);

prepareZXingModule({
	overrides: {
		locateFile: (path: string, prefix: string) =>
			path.endsWith('.wasm') ? new URL(wasmUrl, scope.location.href).href : prefix + path
	},
	fireImmediately: true
}).then(
	() => answer({ ready: true }),
	(error: unknown) => answer({ error: String(error) })
);

scope.onmessage = async (event: MessageEvent<ImageData>) => {
	const text = await readFrame(readBarcodes, event.data);
	answer(text ? { text } : {});
};
