/**
 * The fallback decoder's logic, with the real zxing-wasm reader in Node: receipts' Code 128
 * barcodes and QR codes (made with zxing-wasm's writer) are read from RGBA frames like
 * the ones /scan.js sends to the worker.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule as prepareReader, readBarcodes } from 'zxing-wasm/reader';
import { prepareZXingModule as prepareWriter, writeBarcode } from 'zxing-wasm/writer';
import { dossierCodeFrom } from '$lib/url';
import { pickText, readFrame, READER_OPTIONS } from './read';

const CODE = 'H40.01-260406-0042';
const LOOKUP_URL = `https://dichvucong.example.gov.vn/ho-so/${CODE}`;

/** The wasm files from node_modules: the library's default is a CDN, unreachable here. */
const wasm = (name: string) =>
	readFileSync(createRequire(import.meta.url).resolve(`zxing-wasm/${name}/zxing_${name}.wasm`)).buffer as ArrayBuffer;

beforeAll(() => {
	prepareReader({ overrides: { wasmBinary: wasm('reader') } });
	prepareWriter({ overrides: { wasmBinary: wasm('writer') } });
});

interface Frame {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

/** A camera-like RGBA frame: the symbol scaled up on a white card, on a grey background. */
async function frame(text: string, format: 'Code128' | 'QRCode', scale = 3): Promise<Frame> {
	const { symbol, error } = await writeBarcode(text, { format });
	expect(error).toBe('');
	const quiet = 10 * scale;
	const card = { width: symbol.width * scale + 2 * quiet, height: symbol.height * scale + 2 * quiet };
	const width = card.width + 80;
	const height = card.height + 60;
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const cx = x - 40 - quiet;
			const cy = y - 30 - quiet;
			const onCard = x >= 40 && x < 40 + card.width && y >= 30 && y < 30 + card.height;
			let value = onCard ? 235 : 120;
			if (cx >= 0 && cy >= 0 && cx < symbol.width * scale && cy < symbol.height * scale) {
				value = symbol.data[Math.floor(cy / scale) * symbol.width + Math.floor(cx / scale)] ? 235 : 25;
			}
			data.set([value, value, value, 255], (y * width + x) * 4);
		}
	}
	return { width, height, data };
}

const read = (image: Frame | ImageData | Uint8Array, options = READER_OPTIONS) =>
	readBarcodes(image as ImageData, options);

describe('reading a frame', () => {
	it('reads the receipt’s Code 128 barcode', async () => {
		const text = await readFrame(read, (await frame(CODE, 'Code128')) as ImageData);
		expect(text).toBe(CODE);
	});

	it('reads the receipt’s QR code, whose lookup address gives the code', async () => {
		const text = await readFrame(read, (await frame(LOOKUP_URL, 'QRCode', 6)) as ImageData);
		expect(text).toBe(LOOKUP_URL);
		expect(dossierCodeFrom(text!)).toBe(CODE);
	});

	it('answers null for a frame without a code, and when the reader fails', async () => {
		const blank = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(200) };
		expect(await readFrame(read, blank as ImageData)).toBeNull();
		expect(await readFrame(() => Promise.reject(new Error('wasm')), blank as ImageData)).toBeNull();
	});

	it('asks only for Code 128 and QR codes', () => {
		expect(READER_OPTIONS.formats).toEqual(['Code128', 'QRCode']);
	});
});

describe('pickText', () => {
	const result = (text: string, isValid = true) => ({ text, isValid });

	it('prefers a result holding a well-formed dossier code', () => {
		expect(pickText([result('SOMETHING ELSE'), result(LOOKUP_URL)])).toBe(LOOKUP_URL);
		expect(pickText([result('hello'), result(CODE)])).toBe(CODE);
	});

	it('falls back to any valid text, and skips invalid or empty results', () => {
		expect(pickText([result(CODE, false), result('ABC')])).toBe('ABC');
		expect(pickText([result('  '), result(CODE, false)])).toBeNull();
		expect(pickText([])).toBeNull();
	});
});
