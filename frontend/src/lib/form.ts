/** What the site's forms share in their markup (the rating, petition and filing forms). */

/**
 * `aria-describedby` for the field `f-{field}`: its hint (`f-{field}-hint`) when it
 * has one, then its error (`f-{field}-error`) when `errors` has one for it.
 */
export function describedBy(
	errors: Record<string, string[] | undefined>,
	field: string,
	hint = false
): string | undefined {
	return (
		[hint ? `f-${field}-hint` : '', errors[field] ? `f-${field}-error` : ''].filter(Boolean).join(' ') ||
		undefined
	);
}
