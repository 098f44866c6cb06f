import { describe, expect, it } from "vitest";
import { partnerCodes, partnerRewrites } from "@/lib/content/partner-rewrites.mjs";
import { listPartners } from "@/lib/content/partners";
import { loadPledgeGoal, progressToward } from "@/lib/content/pledge-goal";
import { signaturesByPartner } from "@/lib/pledge/by-partner";
import {
  allowFraming,
  cachedPagePolicy,
  isFrameable,
  nonHtmlPolicy,
} from "@/lib/security/content-security-policy.mjs";
import { signPledgeSchema } from "@/lib/validation/pledge";

const form = { name: "Jo Bloggs", email: "jo@example.org", nation: "england" };

describe("a partner's link", () => {
  it("is rewritten to the partner's cached copy for listed codes only, matched whole", () => {
    expect(partnerCodes()).toEqual(listPartners().map((partner) => partner.code));
    const [pledge] = partnerRewrites(["bcna", "rethink"]);
    const pattern = new RegExp(`^${pledge!.has[0]!.value}$`);
    expect(pledge!.source).toBe("/pledge");
    expect(pledge!.destination).toBe("/pledge/from/:ref");
    expect(pattern.exec("bcna")?.groups?.ref).toBe("bcna");
    for (const other of ["bcn", "bcnax", "BCNA", "x-bcna", ""])
      expect(pattern.test(other), other).toBe(false);
  });

  it("rides in the form as `ref`: tidied, and dropped when it is not a code, never an error", () => {
    expect(signPledgeSchema.parse({ ...form, ref: " BCNA " }).ref).toBe("bcna");
    expect(signPledgeSchema.parse({ ...form, ref: "<script>" }).ref).toBeNull();
    expect(signPledgeSchema.parse({ ...form, ref: ["a", "b"] }).ref).toBeNull();
    expect(signPledgeSchema.parse(form).ref).toBeUndefined();
  });
});

describe("signatures by partner", () => {
  it("lists every partner, codes no longer listed, and those with no link, adding up to the total", () => {
    const partners = listPartners();
    const rows = signaturesByPartner({ total: 10, byPartner: { bcna: 3, retired: 2 } }, partners);
    expect(rows.find((row) => row.code === "bcna")?.count).toBe(3);
    expect(rows.find((row) => row.code === "rethink")?.count).toBe(0);
    expect(rows.find((row) => row.code === "retired")?.name).toBe("retired (no longer listed)");
    expect(rows.at(-1)).toEqual({ code: null, name: "No partner link", count: 5 });
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(10);
  });
});

describe("the goal and milestones", () => {
  it("announce the milestones passed and never show more than 100%", () => {
    const goal = { goal: 10_000, milestones: [1_000, 10_000, 25_000] };
    expect(progressToward(goal, 999)).toEqual({ passed: [], next: 1_000, percent: 9 });
    expect(progressToward(goal, 1_000)).toEqual({ passed: [1_000], next: 10_000, percent: 10 });
    expect(progressToward(goal, 30_000)).toEqual({
      passed: [1_000, 10_000, 25_000],
      next: undefined,
      percent: 100,
    });
    expect(loadPledgeGoal().milestones.length).toBeGreaterThan(0);
  });
});

describe("framing", () => {
  it("is allowed for the embeddable counter alone", () => {
    for (const url of ["/embed/counter", "/embed/counter?ref=bcna", "/embed/counter/from/bcna"])
      expect(isFrameable(url), url).toBe(true);
    for (const url of [
      "/",
      "/pledge",
      "/embed",
      "/embed/counterfeit",
      "/embed/counter/x/y",
      "/api/embed/counter",
    ])
      expect(isFrameable(url), url).toBe(false);
  });

  it("opens frame-ancestors and changes nothing else in the policy", () => {
    const policy = cachedPagePolicy(["'sha256-abc'"]);
    const opened = allowFraming(policy);
    expect(opened).toContain("frame-ancestors *");
    expect(opened.replace("frame-ancestors *", "frame-ancestors 'none'")).toBe(policy);
    expect(allowFraming(nonHtmlPolicy())).toContain("frame-ancestors *");
  });
});
