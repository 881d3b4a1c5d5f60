/**
 * The personal data journey (issue 12): what a citizen writes about themselves in a
 * petition, the ways they really write it, and the check that none of it is readable
 * in a public copy — as typed, with the separators dropped, without diacritics, or as
 * a fragment a partial mask would leave ("[số điện thoại đã ẩn] 345").
 */

/** The name field, typed with an input method that sends NFD. */
export const NAME_NFD = 'Trần Thị Bích Ngọc'.normalize('NFD');
export const PHONE_FIELD = '0912 345 678';
/** What no automatic masking can know is personal: the official masks it by hand. */
export const NICKNAME = 'cháu Bống';
export const TITLE = 'Hồ sơ đăng ký khai sinh cho con chưa có kết quả';
export const BODY =
	'Tôi là Tran Thi Bich Ngoc, CCCD 001 099 012 345, điện thoại (+84) 912 345 678. ' +
	'Tôi nộp hồ sơ đăng ký khai sinh cho con tôi là cháu Bống tại bộ phận một cửa ngày 3/11 nhưng ' +
	'đến nay chưa nhận được kết quả. Đề nghị cơ quan kiểm tra và trả lời.';

const fold = (text: string): string =>
	text
		.normalize('NFD')
		.replace(/\p{Mn}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ');
const digitsOnly = (text: string): string => text.replace(/[\s.()+-]/g, '');

/** Each personal value found in `text`, under a name saying how it was found. */
export function leaks(text: string): string[] {
	const found: string[] = [];
	const folded = fold(text);
	for (const name of ['tran thi bich ngoc', 'bich ngoc', 'tran thi', 'chau bong']) {
		if (folded.includes(name)) found.push(`name “${name}”`);
	}
	const digits = digitsOnly(text);
	// The phone and the ID whole, and every pair of their groups.
	for (const value of ['912345678', '001099012345', '001099', '099012', '012345', '912345', '345678']) {
		if (digits.includes(value)) found.push(`digits ${value}`);
	}
	return found;
}
