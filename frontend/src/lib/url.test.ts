import { describe, expect, it } from 'vitest';
import {
	DOSSIER_CODE,
	dossierCodeFrom,
	normaliseTrackingCode,
	pageNumber,
	petitionPath,
	procedurePath,
	query,
	ratingPath,
	safeNext
} from './url';

describe('query', () => {
	it('leaves out empty values and repeats list values', () => {
		expect(query({ q: 'khai sinh', field: ['ho-tich', 'chung-thuc'], page: undefined })).toBe(
			'?q=khai+sinh&field=ho-tich&field=chung-thuc'
		);
		expect(query({ q: '', level: [], page: null })).toBe('');
		expect(query({ page: 2, online: false })).toBe('?page=2&online=false');
	});
});

describe('site paths', () => {
	it('builds procedure, petition and rating addresses', () => {
		expect(procedurePath('1.001193')).toBe('/thu-tuc/1.001193');
		expect(petitionPath('1.001193')).toBe('/phan-anh/gui?procedure=1.001193');
		expect(petitionPath()).toBe('/phan-anh/gui');
		expect(ratingPath('1.001193')).toBe('/danh-gia?thu-tuc=1.001193');
		expect(ratingPath(undefined, 'G01.16-260102-0001')).toBe('/danh-gia?ho-so=G01.16-260102-0001');
	});
});

describe('safeNext', () => {
	it('keeps paths on this site and sends anything else home', () => {
		expect(safeNext('/thu-tuc/1.001193?x=1')).toBe('/thu-tuc/1.001193?x=1');
		expect(safeNext('//evil.example')).toBe('/');
		expect(safeNext('/\\evil.example')).toBe('/');
		expect(safeNext('https://evil.example/')).toBe('/');
		expect(safeNext(null)).toBe('/');
	});
});

describe('pageNumber', () => {
	it('reads positive integers and falls back to 1', () => {
		const at = (q: string) => pageNumber(new URL(`http://x/?${q}`));
		expect(at('page=3')).toBe(3);
		expect(at('')).toBe(1);
		expect(at('page=0')).toBe(1);
		expect(at('page=-2')).toBe(1);
		expect(at('page=2.5')).toBe(1);
		expect(at('page=abc')).toBe(1);
		expect(at('page=99999999999')).toBe(1);
	});
});

describe('DOSSIER_CODE', () => {
	it('takes the date in six digits (Circular 03/2025 art. 13(3)) and old eight-digit codes', () => {
		expect(DOSSIER_CODE.test('H40.01-260406-0042')).toBe(true);
		expect(DOSSIER_CODE.test('000.00.16.H40-260406-120042')).toBe(true);
		expect(DOSSIER_CODE.test('H40.01-20251210-0042')).toBe(true);
		for (const wrong of ['H40.01-2604060-0042', 'H40.01-26046-0042', 'H40.01-260406-042']) {
			expect(DOSSIER_CODE.test(wrong)).toBe(false);
		}
	});
});

describe('dossierCodeFrom', () => {
	const CODE = 'H40.01-260406-0042';

	it('takes a typed or barcode-scanned code as it is, without spaces', () => {
		expect(dossierCodeFrom(CODE)).toBe(CODE);
		expect(dossierCodeFrom(`  H40.01 - 260406 - 0042\n`)).toBe(CODE);
	});

	it('takes the code out of the lookup address in a QR code', () => {
		for (const url of [
			`https://dichvucong.example.gov.vn/ho-so/${CODE}`,
			`http://127.0.0.1:3000/ho-so/${CODE}/bien-nhan`,
			`/ho-so/${CODE}?utm=qr#top`,
			`https://x.gov.vn/ho-so/${encodeURIComponent(CODE)}`
		]) {
			expect(dossierCodeFrom(url)).toBe(CODE);
		}
	});

	it('survives a malformed escape and cuts very long text', () => {
		expect(dossierCodeFrom('/ho-so/%E0%A4%A')).toBe('%E0%A4%A');
		expect(dossierCodeFrom('A'.repeat(200))).toHaveLength(80);
		expect(dossierCodeFrom('')).toBe('');
	});
});

describe('normaliseTrackingCode', () => {
	it('reads a code as the confirmation page groups it, in any case', () => {
		for (const typed of ['t4t3 dk6m rnp7', 'T4T3-DK6M-RNP7', ' t4t3dk6mrnp7 ', 'T4T3 - DK6M - rnp7']) {
			expect(normaliseTrackingCode(typed)).toBe('T4T3-DK6M-RNP7');
		}
	});
});
