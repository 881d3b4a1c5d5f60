// The kiosk's thank-you: counts down to the reset that the page's meta refresh makes
// (without this script the refresh still happens; only the number stays still).
for (const el of document.querySelectorAll('[data-countdown]')) {
	let n = Number((el.textContent.match(/\d+/) || ['0'])[0]);
	const timer = setInterval(() => {
		n = Math.max(0, n - 1);
		el.textContent = el.textContent.replace(/\d+/, String(n));
		if (n === 0) clearInterval(timer);
	}, 1000);
}
