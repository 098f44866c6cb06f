/** The staff roles. What each may do is lib/admin/access/roles.ts's table. */
export const roles = ["admin", "campaigner", "viewer"] as const;
export type Role = (typeof roles)[number];
