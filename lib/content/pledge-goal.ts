import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { defaultContentRoot } from "@/lib/content/load";
import { bindOnce } from "@/lib/platform/bind-once";

// The pledge's goal and milestones live in content/pledge-goal.yaml so the campaigns team edits one file.
// Read once per process, like all content.

const goalFileSchema = z
  .object({
    goal: z.number().int().positive(),
    milestones: z.array(z.number().int().positive()).min(1),
  })
  .refine((file) => file.milestones.every((m, i, all) => i === 0 || m > all[i - 1]!), {
    message: "list the milestones from smallest to largest, each once",
  });

export type PledgeGoal = z.infer<typeof goalFileSchema>;

export function loadPledgeGoal(root: string = defaultContentRoot): PledgeGoal {
  return goalFileSchema.parse(parse(fs.readFileSync(path.join(root, "pledge-goal.yaml"), "utf8")));
}

export const pledgeGoal: () => PledgeGoal = bindOnce(() => loadPledgeGoal());

/** Where a count stands: the milestones it has passed (largest last), and the share of the goal reached. */
export function progressToward(goal: PledgeGoal, total: number) {
  return {
    passed: goal.milestones.filter((milestone) => total >= milestone),
    next: goal.milestones.find((milestone) => total < milestone),
    /** 0–100, whole percent, never above 100 even once the goal is passed. */
    percent: Math.min(100, Math.floor((total / goal.goal) * 100)),
  };
}
