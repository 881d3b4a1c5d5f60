/** After an evaluation: its total and grade, from the query the form redirected with. */
import type { PageServerLoad } from './$types';

export const csr = false;

const GRADES = new Set(['rat_tot', 'tot', 'dat', 'khong_dat']);

export const load = (({ url }) => {
	const raw = url.searchParams.get('diem') ?? '';
	const total = /^\d{1,2}$/.test(raw) && Number(raw) <= 18 ? Number(raw) : null;
	const grade = url.searchParams.get('xep-loai') ?? '';
	const replaced = url.searchParams.get('thay-the') === '1';
	return { total, grade: GRADES.has(grade) ? grade : null, replaced };
}) satisfies PageServerLoad;
