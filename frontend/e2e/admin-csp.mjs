// The Wagtail admin under the Django server's Content-Security-Policy, in Debian's
// Chromium: logs in, opens the dashboard, the page explorer and a procedure's editor,
// adds a row to its agencies (an inline panel, started by an inline script), and
// reports every CSP violation the browser saw.
//
//   node e2e/admin-csp.mjs BASE_URL USERNAME PASSWORD EDIT_PATH
//
// Prints one JSON object: {violations: [...], checks: {...}}.
import { launch, DESKTOP } from './lib.mjs';

const [base, username, password, editPath] = process.argv.slice(2);
const browser = await launch();
const violations = [];
const checks = {};
try {
	const ctx = await browser.newContext({ viewport: DESKTOP });
	ctx.setDefaultTimeout(20_000);
	ctx.setDefaultNavigationTimeout(60_000);
	await ctx.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.log(
				'CSP-VIOLATION ' +
					JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample })
			);
		});
	});
	const page = await ctx.newPage();
	page.on('console', (message) => {
		const text = message.text();
		if (text.startsWith('CSP-VIOLATION ')) {
			violations.push({ page: page.url().replace(base, ''), ...JSON.parse(text.slice(14)) });
		}
	});
	await page.goto(`${base}/admin/login/`);
	await page.fill('input[name="username"]', username);
	await page.fill('input[name="password"]', password);
	await Promise.all([page.waitForURL(`${base}/admin/`), page.click('button[type="submit"]')]);
	checks.logged_in = true;
	await page.goto(`${base}/admin/pages/`);
	await page.goto(`${base}${editPath}`);
	await page.waitForLoadState('networkidle');
	// The agencies' inline panel: its "add" button works only if its inline script ran.
	const total = page.locator('#id_agency_roles-TOTAL_FORMS');
	const before = Number(await total.inputValue());
	await page.locator('#id_agency_roles-ADD').click();
	await page.waitForTimeout(1000);
	checks.inline_panel_rows_added = Number(await total.inputValue()) - before;
	await ctx.close();
} catch (error) {
	checks.error = String(error).slice(0, 500);
} finally {
	await browser.close();
}
console.log(JSON.stringify({ violations, checks }));
