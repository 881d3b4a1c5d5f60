// The kiosk's thank-you: counts down, then goes back to the three buttons (the link
// "again" says where). Without JavaScript a meta refresh in <noscript> does the same.
for (const el of document.querySelectorAll('[data-countdown]')) {
	let n = Number((el.textContent.match(/\d+/) || ['0'])[0]);
	const back = document.querySelector('a.again');
	const timer = setInterval(() => {
		n = Math.max(0, n - 1);
		el.textContent = el.textContent.replace(/\d+/, String(n));
		if (n === 0) {
			clearInterval(timer);
			if (back) location.replace(back.href);
		}
	}, 1000);
}
