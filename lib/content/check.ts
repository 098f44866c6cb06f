// Run before `next build` (npm run content:check): validates every content file and exits non-zero with
// "file: field problem" on the first error, so a bad frontmatter stops a deploy with a readable message.
import path from "node:path";
import { ContentError } from "@/lib/content/content-error";
import { loadContentLibrary } from "@/lib/content/load";

const root = path.resolve(process.argv[2] ?? "content");
try {
  const library = loadContentLibrary(root);
  const counts = Object.entries(library).map(([name, entries]) => `${entries.length} ${name}`);
  console.log(`Content OK: ${counts.join(", ")} (${root})`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`Content error in content/${error.message}`);
  process.exit(1);
}
