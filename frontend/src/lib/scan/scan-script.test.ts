/**
 * static/scan.js, the scan button's script, run as the browser runs it (a classic script)
 * against a small fake of the DOM, the camera, BarcodeDetector and the decoder worker.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { dossierCodeFrom } from '$lib/url';

const SOURCE = readFileSync(new URL('../../../static/scan.js', import.meta.url), 'utf8');
const CODE = 'H40.01-260406-0042';
const DECODER = '/_app/immutable/workers/decoder.worker-abc.js';
const MSG = {
	msgUnsupported: 'Trình duyệt này chưa quét được mã. Hãy nhập mã hồ sơ.',
	msgDenied: 'Không mở được máy ảnh. Hãy nhập mã hồ sơ.',
	msgFound: 'Đã đọc mã {code}. Đang tra cứu…',
	msgStop: 'Dừng quét',
	msgLoading: 'Đang tải bộ đọc mã…'
};
const LABEL = 'Quét mã vạch bằng máy ảnh';

type Listener = (event: Record<string, unknown>) => unknown;

class FakeElement {
	hidden = false;
	textContent = '';
	value = '';
	dataset: Record<string, string> = {};
	attributes: Record<string, string> = {};
	listeners: Record<string, Listener[]> = {};
	focus = vi.fn();
	setAttribute(name: string, value: string) {
		this.attributes[name] = value;
	}
	addEventListener(type: string, listener: Listener) {
		(this.listeners[type] ??= []).push(listener);
	}
	/** Runs the listeners and waits for what they started. */
	async fire(type: string, event: Record<string, unknown> = {}) {
		await Promise.all((this.listeners[type] ?? []).map((l) => l(event)));
		await settle();
	}
}

class FakeVideo extends FakeElement {
	srcObject: unknown = null;
	videoWidth = 1920;
	videoHeight = 1080;
	play = vi.fn(() => Promise.resolve());
}

class FakeForm extends FakeElement {
	parts: Record<string, FakeElement> = {};
	requestSubmit = vi.fn();
	submit = vi.fn();
	querySelector(selector: string) {
		return this.parts[selector] ?? null;
	}
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Setup {
	native?: string[] | null;
	decoder?: string | null;
	camera?: 'ok' | 'denied' | 'none';
	detected?: string[];
}

function load({ native = null, decoder = DECODER, camera = 'ok', detected = [] }: Setup = {}) {
	const button = new FakeElement();
	button.hidden = true;
	button.textContent = LABEL;
	Object.assign(button.dataset, MSG, decoder ? { decoder } : {});
	const form = new FakeForm();
	const input = new FakeElement();
	const video = new FakeVideo();
	video.hidden = true;
	const status = new FakeElement();
	const hint = new FakeElement();
	hint.hidden = true;
	form.parts = {
		'input[name="ma"]': input,
		'[data-scan-video]': video,
		'[data-scan-status]': status,
		'[data-scan-hint]': hint
	};
	Object.assign(button, { closest: () => form });

	const track = { stop: vi.fn() };
	const getUserMedia = vi.fn((constraints: unknown) => {
		void constraints;
		return camera === 'ok'
			? Promise.resolve({ getTracks: () => [track] })
			: Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});

	const workers: FakeWorker[] = [];
	class FakeWorker {
		onmessage: ((event: { data: unknown }) => void) | null = null;
		onerror: (() => void) | null = null;
		posted: { width: number; height: number }[] = [];
		terminate = vi.fn();
		constructor(
			public url: string,
			public options: unknown
		) {
			workers.push(this);
		}
		postMessage(frame: { width: number; height: number }) {
			this.posted.push(frame);
		}
		answer(data: unknown) {
			this.onmessage?.({ data });
		}
	}

	/** Timers run only when the test says so. */
	const timers: (() => void)[] = [];
	const tick = async () => {
		const due = timers.splice(0);
		for (const run of due) run();
		await settle();
	};
	const detector = { detect: vi.fn(() => Promise.resolve(detected.map((rawValue) => ({ rawValue })))) };
	const BarcodeDetector = Object.assign(
		vi.fn(() => detector),
		{ getSupportedFormats: () => Promise.resolve(native ?? []) }
	);
	const windowListeners = new FakeElement();

	const context: Record<string, unknown> = {
		document: {
			querySelector: (selector: string) => (selector === 'button[data-scan]' ? button : null),
			createElement: () => ({
				width: 0,
				height: 0,
				getContext: () => ({
					drawImage: vi.fn(),
					getImageData: (_x: number, _y: number, width: number, height: number) => ({ width, height })
				})
			})
		},
		navigator: { mediaDevices: camera === 'none' ? undefined : { getUserMedia } },
		Worker: FakeWorker,
		setTimeout: (run: () => void) => timers.push(run),
		clearTimeout: () => {},
		addEventListener: windowListeners.addEventListener.bind(windowListeners),
		Promise
	};
	if (native) context.BarcodeDetector = BarcodeDetector;
	context.window = context;
	vm.runInNewContext(SOURCE, context);
	return { button, form, input, video, status, hint, track, getUserMedia, workers, tick, detector, windowListeners };
}

describe('static/scan.js: showing the button', () => {
	it('stays hidden without a way to read codes or without a camera API', () => {
		expect(load({ decoder: null }).button.hidden).toBe(true);
		expect(load({ camera: 'none' }).button.hidden).toBe(true);
	});

	it('shows it with BarcodeDetector or with the fallback decoder', () => {
		expect(load({ native: ['qr_code', 'code_128'], decoder: null }).button.hidden).toBe(false);
		expect(load().button.hidden).toBe(false);
	});

	it('loads nothing before the click', () => {
		const page = load();
		expect(page.workers).toHaveLength(0);
		expect(page.getUserMedia).not.toHaveBeenCalled();
	});
});

describe('static/scan.js: the fallback decoder (no BarcodeDetector)', () => {
	it('starts the camera and the worker on click, and looks up the code it reads', async () => {
		const page = load();
		await page.button.fire('click');
		expect(page.getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
		expect(page.workers).toHaveLength(1);
		const worker = page.workers[0]!;
		expect(worker.url).toBe(DECODER);
		expect(worker.options).toEqual({ type: 'module' });
		expect(page.video.hidden).toBe(false);
		expect(page.hint.hidden).toBe(false);
		expect(page.button.textContent).toBe(MSG.msgStop);
		expect(page.button.attributes['aria-pressed']).toBe('true');
		expect(page.status.textContent).toBe(MSG.msgLoading);

		worker.answer({ ready: true });
		expect(page.status.textContent).toBe('');
		// frames go out one at a time, scaled down to 1280 px at most
		expect(worker.posted).toEqual([{ width: 1280, height: 720 }]);
		await page.tick();
		expect(worker.posted).toHaveLength(1);
		worker.answer({});
		await page.tick();
		expect(worker.posted).toHaveLength(2);

		worker.answer({ text: `https://dichvucong.example.gov.vn/ho-so/${CODE}` });
		expect(page.input.value).toBe(CODE);
		expect(page.status.textContent).toBe(`Đã đọc mã ${CODE}. Đang tra cứu…`);
		expect(page.form.requestSubmit).toHaveBeenCalledOnce();
		expect(page.track.stop).toHaveBeenCalled();
		expect(worker.terminate).toHaveBeenCalled();
		expect(page.video.hidden).toBe(true);
		expect(page.button.textContent).toBe(LABEL);
		expect(page.button.attributes['aria-pressed']).toBe('false');
	});

	it('reads scanned text as the server reads ?ma=', async () => {
		for (const text of [
			CODE,
			` ${CODE}\n`,
			`http://127.0.0.1:3000/ho-so/${CODE}/bien-nhan?x=1`,
			`/ho-so/${encodeURIComponent('AB 12')}`,
			'/ho-so/%E0%A4%A',
			'X'.repeat(100)
		]) {
			const page = load();
			await page.button.fire('click');
			page.workers[0]!.answer({ text });
			expect(page.input.value).toBe(dossierCodeFrom(text));
		}
	});

	it('says why when the camera is refused, and starts no worker', async () => {
		const page = load({ camera: 'denied' });
		await page.button.fire('click');
		expect(page.status.textContent).toBe(MSG.msgDenied);
		expect(page.workers).toHaveLength(0);
		expect(page.video.hidden).toBe(true);
		expect(page.button.textContent).toBe(LABEL);
	});

	it('stops and says so when the decoder cannot load', async () => {
		for (const failure of ['message', 'onerror'] as const) {
			const page = load();
			await page.button.fire('click');
			const worker = page.workers[0]!;
			if (failure === 'message') worker.answer({ error: 'CompileError' });
			else worker.onerror?.();
			expect(page.status.textContent).toBe(MSG.msgUnsupported);
			expect(page.track.stop).toHaveBeenCalled();
			expect(worker.terminate).toHaveBeenCalled();
			expect(page.video.hidden).toBe(true);
			expect(page.button.attributes['aria-pressed']).toBe('false');
		}
	});

	it('stops the camera on a second press, on Escape and when the page is left', async () => {
		const again = load();
		await again.button.fire('click');
		await again.button.fire('click');
		expect(again.track.stop).toHaveBeenCalled();
		expect(again.workers[0]!.terminate).toHaveBeenCalled();
		expect(again.button.textContent).toBe(LABEL);

		const escape = load();
		await escape.button.fire('click');
		await escape.form.fire('keydown', { key: 'Escape' });
		expect(escape.track.stop).toHaveBeenCalled();
		expect(escape.button.focus).toHaveBeenCalled();

		const leave = load();
		await leave.button.fire('click');
		await leave.windowListeners.fire('pagehide');
		expect(leave.track.stop).toHaveBeenCalled();
	});
});

describe('static/scan.js: choosing the decoder', () => {
	it('uses BarcodeDetector when it reads both symbols', async () => {
		const page = load({ native: ['ean_13', 'qr_code', 'code_128'], detected: [CODE] });
		await page.button.fire('click');
		expect(page.workers).toHaveLength(0);
		expect(page.detector.detect).toHaveBeenCalledWith(page.video);
		expect(page.input.value).toBe(CODE);
		expect(page.form.requestSubmit).toHaveBeenCalledOnce();
	});

	it('prefers the worker when BarcodeDetector lacks Code 128 or QR', async () => {
		const page = load({ native: ['qr_code'] });
		await page.button.fire('click');
		expect(page.workers).toHaveLength(1);
		expect(page.detector.detect).not.toHaveBeenCalled();
	});

	it('uses what BarcodeDetector has when there is no worker, else says it cannot scan', async () => {
		const partial = load({ native: ['qr_code'], decoder: null, detected: [] });
		await partial.button.fire('click');
		expect(partial.detector.detect).toHaveBeenCalled();

		const none = load({ native: ['ean_13'], decoder: null });
		await none.button.fire('click');
		expect(none.status.textContent).toBe(MSG.msgUnsupported);
		expect(none.track.stop).toHaveBeenCalled();
	});
});
