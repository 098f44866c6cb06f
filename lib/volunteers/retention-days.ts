/** Volunteers who never confirmed their email are deleted after this many days (the consent text says so). */
export const UNCONFIRMED_VOLUNTEER_DAYS = 30;
