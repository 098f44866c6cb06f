// GET /embed/counter – the pledge counter as a small page for partners' iframes (no script); see /embed
import { embedCounterResponse } from "@/lib/embed/counter-response";

// Served from the shared cache like the pledge page: regenerated at most every second, whatever the
// traffic from partners' pages. `?ref=<code>` is rewritten to /embed/counter/from/<code> (next.config.ts).
export const revalidate = 1;

export const GET = () => embedCounterResponse();
