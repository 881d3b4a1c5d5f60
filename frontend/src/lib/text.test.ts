import { describe, expect, it } from 'vitest';
import { cleanFormData, cleanInput, cleanSearchParams } from './text';

const NAME = 'Trần Thị Bích Ngọc';
const nfd = (s: string) => s.normalize('NFD');

describe('cleanInput', () => {
	it('composes NFD as typed by input methods', () => {
		expect(cleanInput(nfd(NAME))).toBe(NAME);
		expect(cleanInput(nfd(NAME))).not.toBe(nfd(NAME));
	});

	it('removes zero-width, bidi override/isolate and control characters', () => {
		const spoofed = '\u202eTr\u200dần\u200b Thị\u2066 Bích\u2069\ufeff Ngọc\u0000\u001b\u009b';
		expect(cleanInput(spoofed)).toBe(NAME);
		// A joiner between a letter and its mark no longer keeps them apart.
		expect(cleanInput('Ngo\u200d\u0323c')).toBe('Ngọc');
	});

	it('keeps newlines and tabs, and writes line breaks as \\n', () => {
		expect(cleanInput('Dòng 1\r\nDòng 2\rDòng\t3\u2028')).toBe('Dòng 1\nDòng 2\nDòng\t3\n');
	});

	it('leaves a value of nothing but invisible characters for the API to refuse', () => {
		expect(cleanInput('\u200b\u200d')).toBe('\u200b\u200d');
		expect(cleanInput('   ')).toBe('   ');
	});
});

describe('cleanFormData and cleanSearchParams', () => {
	it('cleans every text value and keeps repeated keys and files', async () => {
		const form = new FormData();
		form.append('name', nfd(NAME));
		form.append('tag', 'a\u200b');
		form.append('tag', 'b');
		form.append('attachments', new File(['x'], 'don\u202egnp.exe.png', { type: 'image/png' }));
		const out = cleanFormData(form);
		expect(out.get('name')).toBe(NAME);
		expect(out.getAll('tag')).toEqual(['a', 'b']);
		const file = out.get('attachments') as File;
		expect(file.name).toBe('dongnp.exe.png');
		expect(await file.text()).toBe('x');
	});

	it('cleans query strings in place', () => {
		const params = new URLSearchParams({ q: nfd('hộ chiếu') + '\u200b', page: '2' });
		cleanSearchParams(params);
		expect(params.get('q')).toBe('hộ chiếu');
		expect(params.get('page')).toBe('2');
	});
});
