const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
async function main() {
  const steps: Record<string, number> = { start: mb() };
  const { createDbClient } = await import("@/lib/db");
  steps.libDb = mb();
  const db = createDbClient(process.env.DATABASE_URL!);
  await db.signature.findFirst({ select: { id: true } });
  steps.firstQuery = mb();
  await import("@/lib/admin/people");
  steps.peopleIndex = mb();
  global.gc?.();
  steps.afterGc = mb();
  console.log(JSON.stringify({ steps, heap: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }));
}
void main();
