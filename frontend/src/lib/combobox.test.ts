import { describe, expect, it } from 'vitest';
import { comboboxKey } from './combobox';

const closed = { open: false, active: -1, count: 3 };
const open = (active: number) => ({ open: true, active, count: 3 });

describe('search box suggestions: keyboard', () => {
	it('opens on Down at the first option and on Up at the last', () => {
		expect(comboboxKey(closed, 'ArrowDown')).toEqual({ type: 'update', open: true, active: 0 });
		expect(comboboxKey(closed, 'ArrowUp')).toEqual({ type: 'update', open: true, active: 2 });
	});

	it('opens on Alt+Down without highlighting anything', () => {
		expect(comboboxKey(closed, 'ArrowDown', true)).toEqual({
			type: 'update',
			open: true,
			active: -1
		});
	});

	it('moves through the options and wraps round', () => {
		expect(comboboxKey(open(0), 'ArrowDown')).toMatchObject({ active: 1 });
		expect(comboboxKey(open(2), 'ArrowDown')).toMatchObject({ active: 0 });
		expect(comboboxKey(open(0), 'ArrowUp')).toMatchObject({ active: 2 });
		expect(comboboxKey(open(-1), 'ArrowUp')).toMatchObject({ active: 2 });
	});

	it('chooses the highlighted option on Enter, otherwise lets the form submit', () => {
		expect(comboboxKey(open(1), 'Enter')).toEqual({ type: 'choose', index: 1 });
		expect(comboboxKey(open(-1), 'Enter')).toEqual({ type: 'none' });
		expect(comboboxKey(closed, 'Enter')).toEqual({ type: 'none' });
	});

	it('closes on Escape, then clears the box on a second Escape', () => {
		expect(comboboxKey(open(1), 'Escape')).toEqual({ type: 'update', open: false, active: -1 });
		expect(comboboxKey(closed, 'Escape')).toEqual({ type: 'clear' });
	});

	it('closes on Tab and hands the cursor back to the text on Home/End/Left/Right', () => {
		expect(comboboxKey(open(1), 'Tab')).toEqual({ type: 'update', open: false, active: -1 });
		expect(comboboxKey(closed, 'Tab')).toEqual({ type: 'none' });
		expect(comboboxKey(open(1), 'Home')).toEqual({ type: 'update', open: true, active: -1 });
		expect(comboboxKey(open(-1), 'ArrowLeft')).toEqual({ type: 'none' });
	});

	it('does nothing with arrows when there is nothing to show', () => {
		expect(comboboxKey({ open: false, active: -1, count: 0 }, 'ArrowDown')).toEqual({
			type: 'none'
		});
		expect(comboboxKey(closed, 'a')).toEqual({ type: 'none' });
	});
});
