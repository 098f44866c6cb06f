import "server-only";
import { db } from "@/lib/platform/db";
import { isDatabaseUnavailable } from "@/lib/platform/database/errors";
import { env, isEmbeddedDatabase } from "@/lib/platform/env";
import { issueChallenge, verifyChallenge } from "@/lib/security/challenge";
import { parsePartnerKeys, partnerFor } from "@/lib/security/partner-keys";
import { getAppSecret, getAppSecrets } from "@/lib/security/secrets";
import { createAdmission } from "@/lib/pledge/admission";
import { confirmSignature, inspectConfirmLink, resendConfirmation } from "@/lib/pledge/confirm";
import { createCountReader, type PledgeCounts } from "@/lib/pledge/counts";
import { createHeldQueue } from "@/lib/pledge/held";
import { createSigningLimits } from "@/lib/pledge/limits";
import { inspectManageLink, stopCampaignEmails, withdrawSignature } from "@/lib/pledge/manage";
import { createSigner, type SignContext, type SignOutcome, type SignPledge } from "@/lib/pledge/sign";
import { reconcileTotals } from "@/lib/pledge/totals";
import type { SignPledgeInput } from "@/lib/validation/pledge";
import { bindOnce } from "@/lib/platform/bind-once";

// The pledge domain, bound to the app's database and secret. Routes call these; tests build their own
// with the factories in the modules beside this one.

export const signingLimits = bindOnce(() =>
  createSigningLimits(db, { freePerAddressPerHour: env.SIGNUPS_FREE_PER_ADDRESS_PER_HOUR }),
);

const signer: () => SignPledge = bindOnce(() =>
  createSigner(db, {
    secret: getAppSecret(),
    admit: createAdmission(signingLimits()),
    concurrentBatches: isEmbeddedDatabase() ? 1 : 4,
  }),
);
const sign = (input: SignPledgeInput, context: SignContext) => signer()(input, context);

/** The pledge form (with or without JavaScript). Never refused for its anti-abuse signals: held at worst. */
export async function signFromForm(input: SignPledgeInput, request: { clientAddress: string }) {
  const solvedChallenge = await verifyChallenge(getAppSecret(), input.altcha);
  return sign(input, { clientAddress: request.clientAddress, solvedChallenge });
}

const partnerKeys = bindOnce(() => parsePartnerKeys(env.PLEDGE_API_KEYS));

/**
 * POST /api/pledge: an app or partner signs with its own key (`Authorization: Bearer …`) or with a
 * challenge solved from GET /api/pledge/challenge. Without either, "unauthorised": a clear refusal,
 * never an accepted request that is then set aside.
 */
export async function signFromApi(
  input: SignPledgeInput,
  request: { clientAddress: string; authorization: string | null },
): Promise<SignOutcome | "unauthorised"> {
  const partner = partnerFor(partnerKeys(), request.authorization);
  const solvedChallenge = !partner && (await verifyChallenge(getAppSecret(), input.altcha));
  if (!partner && !solvedChallenge) return "unauthorised";
  return sign(input, { clientAddress: request.clientAddress, solvedChallenge, partner });
}

const countReader = bindOnce(() => createCountReader(db));
export const readPledgeCounts = (): Promise<PledgeCounts> => countReader()();

/**
 * The count for pages served from the shared cache (home, pledge). While `next build` prerenders them
 * the database may not exist yet (a fresh machine, or a production build made away from its database),
 * so there is no count to show; the pages then leave the number out, and the first request after the
 * server starts regenerates them with it.
 */
export async function readCountsForCachedPage(): Promise<PledgeCounts | undefined> {
  if (process.env.NEXT_PHASE === "phase-production-build") return undefined;
  try {
    lastKnownCounts = await readPledgeCounts();
  } catch (error) {
    // The database is away (a restart, a failover): the page still renders, with the last count this
    // process read, or none, rather than an error page. It is regenerated again within seconds.
    if (!isDatabaseUnavailable(error)) throw error;
  }
  return lastKnownCounts;
}
let lastKnownCounts: PledgeCounts | undefined;
export const reconcilePledgeTotals = () => reconcileTotals(db);
export const heldSignatures = bindOnce(() => createHeldQueue(db));

export const newPledgeChallenge = () => issueChallenge(getAppSecret());
export const inspectConfirm = (token: string) => inspectConfirmLink(db, getAppSecrets(), token);
export const confirm = (token: string) => confirmSignature(db, getAppSecrets(), token);
export const resendConfirm = (token: string) => resendConfirmation(db, getAppSecrets(), token);
export const inspectManage = (token: string) => inspectManageLink(db, getAppSecrets(), token);
export const unsubscribe = (token: string) => stopCampaignEmails(db, getAppSecrets(), token);
export const withdraw = (token: string) => withdrawSignature(db, getAppSecrets(), token);
