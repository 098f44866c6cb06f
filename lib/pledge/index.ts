import "server-only";
import { db } from "@/lib/db";
import { env, isEmbeddedDatabase } from "@/lib/env";
import { issueFormToken } from "@/lib/security/form-token";
import { getAppSecret } from "@/lib/security/secrets";
import { confirmSignature, inspectConfirmLink, resendConfirmation } from "./confirm";
import { createCountReader } from "./counts";
import { inspectManageLink, stopCampaignEmails, withdrawSignature } from "./manage";
import { createSigner, type SignPledge } from "./sign";

// The pledge domain, bound to the app's database and secret. Routes call these; tests build their own
// with the factories in the modules beside this one.

let signer: SignPledge | undefined;
export const signPledge: SignPledge = (input, context) => {
  signer ??= createSigner(db, {
    secret: getAppSecret(),
    perAddressPerMinute: env.SIGNUPS_PER_IP_PER_MINUTE,
    concurrentBatches: isEmbeddedDatabase() ? 1 : 4,
  });
  return signer(input, context);
};

export const readPledgeCounts = createCountReader(db);

export const newPledgeFormToken = () => issueFormToken(getAppSecret());
export const inspectConfirm = (token: string) => inspectConfirmLink(db, getAppSecret(), token);
export const confirm = (token: string) => confirmSignature(db, getAppSecret(), token);
export const resendConfirm = (token: string) => resendConfirmation(db, getAppSecret(), token);
export const inspectManage = (token: string) => inspectManageLink(db, getAppSecret(), token);
export const unsubscribe = (token: string) => stopCampaignEmails(db, getAppSecret(), token);
export const withdraw = (token: string) => withdrawSignature(db, getAppSecret(), token);
