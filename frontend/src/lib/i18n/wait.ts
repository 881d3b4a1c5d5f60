/**
 * How long to wait, as a person says it ("khoảng 23 giờ 40 phút", "about 5 minutes"),
 * never "85186 giây". The same rule as the API's `core.api.wait_in_words`: seconds
 * under a minute, whole minutes under an hour, else two units (days and hours, hours
 * and minutes), always rounded up so that nobody is told to come back too early.
 */
type Unit = { vi: string; one: string; many: string; size: number };

const UNITS: readonly [Unit, Unit, Unit, Unit] = [
	{ vi: 'ngày', one: 'day', many: 'days', size: 86_400 },
	{ vi: 'giờ', one: 'hour', many: 'hours', size: 3_600 },
	{ vi: 'phút', one: 'minute', many: 'minutes', size: 60 },
	{ vi: 'giây', one: 'second', many: 'seconds', size: 1 }
];

export function waitInWords(seconds: number, lang: 'vi' | 'en'): string {
	const total = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 60));
	let parts: [number, Unit][];
	if (total < 60) {
		parts = [[total, UNITS[3]]];
	} else if (total < 3_600) {
		parts = [[Math.ceil(total / 60), UNITS[2]]];
	} else {
		// Days and hours from a day up, else hours and minutes.
		const [large, small] = total >= 86_400 ? [UNITS[0], UNITS[1]] : [UNITS[1], UNITS[2]];
		const smallTotal = Math.ceil(total / small.size);
		const perLarge = large.size / small.size;
		const count = Math.floor(smallTotal / perLarge);
		const rest = smallTotal % perLarge;
		parts = [[count, large]];
		if (rest) parts.push([rest, small]);
	}
	if (lang === 'en') {
		return `about ${parts.map(([n, u]) => `${n} ${n === 1 ? u.one : u.many}`).join(' ')}`;
	}
	return `khoảng ${parts.map(([n, u]) => `${n} ${u.vi}`).join(' ')}`;
}
