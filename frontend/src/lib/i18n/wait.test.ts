import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';
import { waitInWords } from './wait';

describe('waitInWords', () => {
	it.each([
		[85186, 'khoảng 23 giờ 40 phút', 'about 23 hours 40 minutes'],
		[300, 'khoảng 5 phút', 'about 5 minutes'],
		[241, 'khoảng 5 phút', 'about 5 minutes'],
		[45, 'khoảng 45 giây', 'about 45 seconds'],
		[3600, 'khoảng 1 giờ', 'about 1 hour'],
		[2 * 86400 + 7 * 3600 + 1, 'khoảng 2 ngày 8 giờ', 'about 2 days 8 hours']
	])('%d seconds', (seconds, inVietnamese, inEnglish) => {
		expect(waitInWords(seconds, 'vi')).toBe(inVietnamese);
		expect(waitInWords(seconds, 'en')).toBe(inEnglish);
	});

	it('is what the forms say after a 429', () => {
		for (const message of [vi.petition.tooMany(85186), vi.form.tooMany(85186)]) {
			expect(message).toContain('khoảng 23 giờ');
			expect(message).not.toMatch(/\d{3,}|giây/);
		}
		expect(en.petition.tooMany(300)).toContain('about 5 minutes');
		expect(en.form.tooMany(300)).not.toContain('300');
	});
});
