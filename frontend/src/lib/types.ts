/** Shapes of the portal API's JSON answers, as the frontend reads them. */

/** `GET /api/v1/summary/`: the portal's name and how much it publishes. */
export interface Summary {
	name: string;
	counts: {
		procedures: number;
		fields: number;
		agencies: number;
		/** Present once the feedback app publishes petitions. */
		petitions?: number;
	};
}
