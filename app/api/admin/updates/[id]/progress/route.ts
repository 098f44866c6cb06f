// GET /api/admin/updates/<id>/progress – a campaign update's emails by status, for its page to poll
import { staffRoute } from "@/lib/entry/route";
import { campaignUpdates, updateIdFromProgressUrl } from "@/lib/updates";

export const dynamic = "force-dynamic";

export const GET = staffRoute("send-updates", async (request, staff) => {
  const id = updateIdFromProgressUrl(request.url);
  const progress = id ? await campaignUpdates(staff).progress(id) : undefined;
  if (!progress)
    return Response.json(
      { message: "No such update." },
      { status: 404, headers: { "Cache-Control": "no-store" } },
    );
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
});
