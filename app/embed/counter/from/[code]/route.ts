// GET /embed/counter/from/[code] – the counter whose sign link credits one partner (`/embed/counter?ref=…`)
import { listPartners } from "@/lib/content/partners";
import { embedCounterResponse } from "@/lib/embed/counter-response";

// One cached copy per partner listed in content/partners.yaml; any other code is not found.
export const revalidate = 1;
export const dynamicParams = false;

export function generateStaticParams() {
  return listPartners().map((partner) => ({ code: partner.code }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  return embedCounterResponse((await params).code);
}
