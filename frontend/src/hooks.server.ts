/** Server hooks: unexpected errors are logged here and shown in Vietnamese. */
import type { HandleServerError } from '@sveltejs/kit';

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error(`${event.request.method} ${event.url.pathname}:`, error);
	}
	return { message: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.' };
};
