/**
 * Keyboard behaviour of the search box's suggestion list, after the WAI-ARIA Authoring
 * Practices combobox pattern (list autocomplete, no automatic selection). Kept apart
 * from the component so it can be tested without a browser.
 */

export interface ComboboxState {
	open: boolean;
	/** Index of the highlighted option, -1 for none (focus stays on the text). */
	active: number;
	count: number;
}

export type ComboboxAction =
	| { type: 'none' }
	| { type: 'update'; open: boolean; active: number }
	/** Go to the highlighted option's page. */
	| { type: 'choose'; index: number }
	/** Empty the box (Escape on a closed list). */
	| { type: 'clear' };

const NONE: ComboboxAction = { type: 'none' };

/** What a key press in the text box does; `none` lets the browser handle it. */
export function comboboxKey(state: ComboboxState, key: string, altKey = false): ComboboxAction {
	const { open, active, count } = state;
	switch (key) {
		case 'ArrowDown':
			if (count === 0) return NONE;
			if (!open || altKey) return { type: 'update', open: true, active: altKey ? -1 : 0 };
			return { type: 'update', open: true, active: active + 1 >= count ? 0 : active + 1 };
		case 'ArrowUp':
			if (count === 0) return NONE;
			if (!open) return { type: 'update', open: true, active: count - 1 };
			return { type: 'update', open: true, active: active <= 0 ? count - 1 : active - 1 };
		case 'Enter':
			// Without a highlighted option Enter submits the form: a full search.
			return open && active >= 0 && active < count ? { type: 'choose', index: active } : NONE;
		case 'Escape':
			return open ? { type: 'update', open: false, active: -1 } : { type: 'clear' };
		case 'Tab':
			return open ? { type: 'update', open: false, active: -1 } : NONE;
		case 'Home':
		case 'End':
		case 'ArrowLeft':
		case 'ArrowRight':
			// Keys that move the text cursor hand focus back to the text.
			return open && active >= 0 ? { type: 'update', open: true, active: -1 } : NONE;
		default:
			return NONE;
	}
}

/** The fewest characters worth asking suggestions for. */
export const SUGGEST_MIN_LENGTH = 2;
