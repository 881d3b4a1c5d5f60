import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, isLang, langFrom, messages } from '.';

/** Every leaf of a dictionary as [dotted key, value]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
	}
	return [[prefix, value]];
}

describe('interface languages', () => {
	it('defaults to Vietnamese for a missing or unknown cookie', () => {
		expect(DEFAULT_LANG).toBe('vi');
		expect(langFrom(undefined)).toBe('vi');
		expect(langFrom('fr')).toBe('vi');
		expect(langFrom('en')).toBe('en');
		expect(isLang('EN')).toBe(false);
	});

	it('has every Vietnamese text in English too, none of them empty', () => {
		const vi = leaves(messages.vi);
		const en = new Map(leaves(messages.en));
		expect([...en.keys()].sort()).toEqual(vi.map(([k]) => k).sort());
		for (const [key, value] of [...vi, ...en]) {
			if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
			else expect(typeof value, key).toBe('function');
		}
	});

	it('really translates: the English texts are not the Vietnamese ones', () => {
		expect(messages.en.search.label).toBe('Search administrative procedures');
		expect(messages.vi.search.label).toBe('Tìm thủ tục hành chính');
		expect(messages.vi.searchPage.count(1571, 'khai sinh')).toBe(
			'Tìm thấy 1.571 thủ tục cho “khai sinh”.'
		);
		expect(messages.en.searchPage.count(1, '')).toBe('1 procedure found.');
	});
});
