// The Wagtail admin as an editor and an official meet it, in Debian's Chromium with
// a browser set to English (Accept-Language: en-US, as most are out of the box):
//
// - the editor logs in, opens the catalogue in the page explorer and a procedure from
//   it; the procedure's "Live" link (the editor's header) and "View live" (the
//   explorer's row menu) are followed and opened on the citizens' site;
// - the official logs in, opens the petitions inbox and a petition from it, the
//   dossier queue and a dossier from it, and the two statistics pages.
//
//   node e2e/admin-vi.mjs CONFIG_JSON
//
// CONFIG_JSON: {base, out, editor: {username, password}, official: {...},
// catalogue: <explorer page id>, procedure: {id, title}, petition: {title},
// dossier: {code}, statistics: [path, ...]}. Reports, as one JSON object on the last
// line, what each page showed (status, lang, h1, title, visible text) and where each
// "Live" link led; tests/e2e/test_admin.py judges it. Screenshots go to `out`.
import { join } from 'node:path';
import { launch, DESKTOP } from './lib.mjs';

const config = JSON.parse(process.argv[2]);
const base = config.base.replace(/\/+$/, '');
const browser = await launch();
const pages = [];
const live = [];
let error = null;

/** What the person sees on the page now (hidden menus and scripts excluded). */
async function record(page, name, response) {
	await page.screenshot({ path: join(config.out, `admin-${name}.png`), fullPage: true });
	pages.push({
		name,
		url: page.url().replace(base, ''),
		status: response ? response.status() : null,
		lang: await page.getAttribute('html', 'lang'),
		title: await page.title(),
		h1: ((await page.locator('h1').first().textContent({ timeout: 2000 }).catch(() => '')) || '')
			.replace(/\s+/g, ' ')
			.trim(),
		text: await page.evaluate(() => document.body.innerText)
	});
}

async function logIn(ctx, who) {
	const page = await ctx.newPage();
	const response = await page.goto(`${base}/admin/login/`);
	await record(page, `login-${who}`, response);
	await page.locator('#id_username').fill(config[who].username);
	await page.locator('#id_password').fill(config[who].password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
		page.locator('form button[type=submit]').first().click()
	]);
	return page;
}

/** Follow a link as a person would (a new tab when it opens one). */
async function follow(ctx, page, link, name) {
	const href = await link.getAttribute('href');
	const target = await link.getAttribute('target');
	const label = await link.getAttribute('aria-label');
	let opened = page;
	let response = null;
	if (target === '_blank') {
		const popup = ctx.waitForEvent('page');
		await link.click();
		opened = await popup;
		await opened.waitForLoadState('load');
	} else {
		[response] = await Promise.all([page.waitForNavigation(), link.click()]);
	}
	// The status of what the link opened, read again (a new tab gives no response object).
	const check = await ctx.request.get(opened.url(), { maxRedirects: 5 });
	live.push({
		name,
		href,
		target,
		label,
		url: opened.url(),
		status: response ? response.status() : check.status(),
		h1: ((await opened.locator('h1').first().textContent({ timeout: 5000 }).catch(() => '')) || '').trim(),
		title: await opened.title()
	});
	await opened.screenshot({ path: join(config.out, `admin-${name}.png`) });
	if (opened !== page) await opened.close();
	else await page.goBack();
}

try {
	// The editor.
	const editor = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
	editor.setDefaultTimeout(20_000);
	editor.setDefaultNavigationTimeout(60_000);
	let page = await logIn(editor, 'editor');
	await record(page, 'dashboard', null);
	let response = await page.goto(`${base}/admin/pages/${config.catalogue}/`);
	await record(page, 'explorer', response);
	// "View live" sits in the row's "more" menu: open it, then follow the item.
	const row = page.locator('tr', { hasText: config.procedure.title }).first();
	await row.hover();
	const more = row.locator('button[aria-label], [data-w-dropdown-target="toggle"]').last();
	await more.click();
	const viewLive = row.getByRole('link', { name: config.names.viewLive, exact: true });
	await follow(editor, page, viewLive, 'view-live');
	// Open the procedure from the explorer as an editor does: its title.
	[response] = await Promise.all([
		page.waitForNavigation(),
		row.getByRole('link', { name: config.procedure.title }).first().click()
	]);
	await page.waitForLoadState('networkidle');
	await record(page, 'procedure-edit', response);
	// The header's status tag: its text says "Live", its label tells a screen reader more.
	const liveLink = page
		.locator('a:visible')
		.filter({ hasText: new RegExp(`^\\s*${config.names.live}\\s*$`) })
		.first();
	await follow(editor, page, liveLink, 'live');
	await editor.close();

	// The official.
	const official = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
	official.setDefaultTimeout(20_000);
	official.setDefaultNavigationTimeout(60_000);
	page = await logIn(official, 'official');
	response = await page.goto(`${base}/admin/petitions/`);
	await record(page, 'petitions', response);
	[response] = await Promise.all([
		page.waitForNavigation(),
		page.getByRole('link', { name: config.petition.title }).first().click()
	]);
	await record(page, 'petition', response);
	response = await page.goto(`${base}/admin/dossiers/`);
	await record(page, 'dossiers', response);
	[response] = await Promise.all([
		page.waitForNavigation(),
		page.getByRole('link', { name: config.dossier.code }).first().click()
	]);
	await record(page, 'dossier', response);
	for (const [index, path] of config.statistics.entries()) {
		response = await page.goto(`${base}${path}`);
		await record(page, `statistics-${index + 1}`, response);
	}
	await official.close();
} catch (err) {
	error = String(err).slice(0, 1500);
} finally {
	await browser.close();
}
console.log(JSON.stringify({ pages, live, error }));
