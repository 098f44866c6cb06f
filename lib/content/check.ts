// Run before `next build` (npm run content:check): validates every content file and exits non-zero with
// "file: field problem" on the first error, so a bad frontmatter stops a deploy with a readable message.
// A page not reviewed for six months only prints a WARNING: stale is worth fixing, not worth a failed deploy.
import path from "node:path";
import { ContentError } from "@/lib/content/content-error";
import { loadContentLibrary } from "@/lib/content/load";
import { reviewWarningMonths, staleReviews } from "@/lib/content/review-age";
import { formatDate } from "@/lib/format/date";

const root = path.resolve(process.argv[2] ?? "content");
// CONTENT_CHECK_TODAY (YYYY-MM-DD) pins "today", so tests can check the warning without waiting for it.
const today = process.env.CONTENT_CHECK_TODAY ? new Date(`${process.env.CONTENT_CHECK_TODAY}T00:00:00Z`) : new Date();
try {
  const library = loadContentLibrary(root);
  const counts = Object.entries(library).map(([name, entries]) => `${entries.length} ${name}`);
  console.log(`Content OK: ${counts.join(", ")} (${root})`);
  for (const { file, reviewed } of staleReviews(library, today)) {
    console.warn(
      `WARNING: content/${file} was last reviewed on ${formatDate(reviewed)}, more than ${reviewWarningMonths} months ago. ` +
        "Check its figures and sources again, then set `reviewed` to the day you did.",
    );
  }
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`Content error in content/${error.message}`);
  process.exit(1);
}
