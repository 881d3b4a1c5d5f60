/**
 * Each dossier filed in the before stage, after an official's step in the admin
 * queue, its code typed in small letters with stray spaces: its status and history
 * (with the supplement's note), and the link to rate it only once it is resolved.
 */
import { DOSSIERS, expect, goto, lookUp, test, textOf, withAndWithoutJavaScript } from '../helpers';

test('the officials worked dossiers (E2E_DOSSIERS)', () => {
	expect(DOSSIERS.length).toBeGreaterThan(0);
});

withAndWithoutJavaScript(() => {
	for (const dossier of DOSSIERS) {
		test(`see dossier ${dossier.code} (${dossier.status})`, async ({ page, inspect }) => {
			await goto(page, '/ho-so');
			// Typed in small letters with stray spaces, as read off a receipt.
			const code = dossier.code.toLowerCase();
			await lookUp(page, dossier.code, ` ${code.slice(0, 6)} ${code.slice(6)} `);
			expect.soft(await textOf(page.locator('main .status')), 'its status').toContain(dossier.label);
			const history = await textOf(page.locator('main .timeline'));
			expect.soft(history, 'its history').toContain(dossier.label);
			if (dossier.note) expect.soft(history, 'the official’s note').toContain(dossier.note);
			await expect
				.soft(page.locator('main .actions a[href^="/danh-gia?"]'), 'links to rate it')
				.toHaveCount(dossier.status === 'resolved' ? 1 : 0);
			await inspect(page, `dossier-${dossier.status.replace(/_/g, '-')}`);
		});
	}
});
