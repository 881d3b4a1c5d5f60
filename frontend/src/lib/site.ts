/** Fixed texts of the site chrome, shown even when the API is down. */

export const SITE_NAME = 'Cổng dịch vụ hành chính công';
export const SITE_OWNER = 'Trung tâm Hành chính công';
export const SEARCH_MAX_LENGTH = 200;
export const API_UNAVAILABLE_MESSAGE =
	'Hệ thống đang bảo trì hoặc tạm thời gián đoạn. Vui lòng thử lại sau ít phút.';
