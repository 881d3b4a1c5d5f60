/** The statistics page's periods and number formats. */
import type { Messages } from '$lib/i18n';

/** One bar of a chart (and one row of its table). */
export interface BarRow {
	label: string;
	value: number | null;
	/** The value as shown (formatted, with a unit); defaults to the number. */
	text?: string;
}

/** What the APIs accept and the page offers: `2026`, `2026-Q2` or `2026-06`. */
export const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export interface PeriodGroup {
	label: string;
	options: { value: string; label: string }[];
}

/** A period's name in the interface language, e.g. "Quý 2/2026". */
export function periodLabel(value: string, t: Messages['stats']): string {
	const m = PERIOD.exec(value);
	if (!m) return value;
	const [, year = '', quarter, month] = m;
	if (quarter) return t.periodQuarter(quarter, year);
	if (month) return t.periodMonth(month, year);
	return t.periodYear(year);
}

/** The periods to choose from, as of `now`: 3 years, 6 quarters, 12 months, newest first. */
export function periodGroups(now: Date, t: Messages['stats']): PeriodGroup[] {
	const year = now.getFullYear();
	const month = now.getMonth(); // 0-based
	const years = [0, 1, 2].map((i) => String(year - i));
	const quarters: string[] = [];
	for (let i = 0, q = Math.floor(month / 3) + 1, y = year; i < 6; i++) {
		quarters.push(`${y}-Q${q}`);
		q -= 1;
		if (q === 0) [q, y] = [4, y - 1];
	}
	const months: string[] = [];
	for (let i = 0; i < 12; i++) {
		const d = new Date(year, month - i, 1);
		months.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
	}
	const group = (label: string, values: string[]) => ({
		label,
		options: values.map((value) => ({ value, label: periodLabel(value, t) }))
	});
	return [
		group(t.groupYears, years),
		group(t.groupQuarters, quarters),
		group(t.groupMonths, months)
	];
}

/** The default period: the current year. */
export const defaultPeriod = (now: Date): string => String(now.getFullYear());

/** A fraction 0–1 as a percentage, e.g. 0.8642 → "86,4 %" (vi) / "86.4%" (en). */
export function percent(fraction: number | null | undefined, locale: string): string | null {
	if (fraction === null || fraction === undefined) return null;
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
		fraction
	);
}

/** A number with up to `digits` decimals in the interface's locale. */
export function decimal(value: number | null | undefined, locale: string, digits = 2): string | null {
	if (value === null || value === undefined) return null;
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
