import type { PledgeGoal } from "@/lib/content/pledge-goal";
import { progressToward } from "@/lib/content/pledge-goal";

const number = (n: number) => n.toLocaleString("en-GB");

/**
 * The goal and milestones from content/pledge-goal.yaml: the largest milestone passed is announced, with
 * a progress bar toward the goal. Drawn as SVG, so it needs no script and no inline style.
 */
export function Milestones({ goal, total }: { goal: PledgeGoal; total: number }) {
  const { passed, next, percent } = progressToward(goal, total);
  const latest = passed.at(-1);
  return (
    <section className="pledge-milestones" aria-labelledby="milestones-heading">
      <h3 id="milestones-heading">Milestones</h3>
      {latest !== undefined && (
        <p className="pledge-milestones__passed" data-testid="milestone-passed">
          <strong>Milestone passed: {number(latest)} people have signed and confirmed.</strong> Thank you.
        </p>
      )}
      <ProgressBar total={total} goal={goal.goal} percent={percent} />
      <p>
        {number(total)} of our goal of {number(goal.goal)} signatures ({percent}%).
        {next !== undefined && <> Next milestone: {number(next)}.</>}
      </p>
      <ul className="pledge-milestones__list">
        {goal.milestones.map((milestone) => (
          <li key={milestone}>
            {number(milestone)}: {total >= milestone ? "passed" : "not yet"}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A bar toward the goal; the text beside it carries the numbers, so the drawing itself is decorative. */
export function ProgressBar({ total, goal, percent }: { total: number; goal: number; percent: number }) {
  return (
    <svg
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      className="progress-bar"
      width="100%"
      height="24"
      role="img"
      aria-label={`${total.toLocaleString("en-GB")} of ${goal.toLocaleString("en-GB")} signatures, ${percent}%`}
    >
      <rect x="0" y="0" width="100" height="6" rx="1" fill="#f7eef4" stroke="#5b1a4a" strokeWidth="0.3" />
      <rect x="0" y="0" width={Math.max(percent, 0.5)} height="6" rx="1" fill="#5b1a4a" />
    </svg>
  );
}
