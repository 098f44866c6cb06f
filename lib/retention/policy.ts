import { env } from "@/lib/platform/env";
import { UNCONFIRMED_RETENTION_DAYS } from "@/lib/pledge/retention";
import { UNCONFIRMED_VOLUNTEER_DAYS } from "@/lib/volunteers/retention-days";

export type RetentionPolicy = {
  unconfirmedSignatureDays: number;
  unconfirmedVolunteerDays: number;
  sentEmailDays: number;
  auditLogDays: number;
  confirmedSignatureDays?: number;
};

/** How long each kind of record is kept: what the sweeps enforce and what the privacy notice shows. */
export function retentionPolicy(): RetentionPolicy {
  return {
    unconfirmedSignatureDays: UNCONFIRMED_RETENTION_DAYS,
    unconfirmedVolunteerDays: UNCONFIRMED_VOLUNTEER_DAYS,
    sentEmailDays: env.SENT_EMAIL_RETENTION_DAYS,
    auditLogDays: env.AUDIT_LOG_RETENTION_DAYS,
    confirmedSignatureDays: env.SIGNATURE_RETENTION_DAYS,
  };
}

const days = (n: number) => (n % 365 === 0 ? `${n / 365} year${n === 365 ? "" : "s"}` : `${n} days`);

/** The policy in the words the privacy notice uses. */
export function describeRetention(policy: RetentionPolicy): { what: string; howLong: string }[] {
  return [
    {
      what: "Signatures that were never confirmed",
      howLong: `${days(policy.unconfirmedSignatureDays)}, then deleted`,
    },
    {
      what: "Confirmed signatures",
      howLong: policy.confirmedSignatureDays
        ? `${days(policy.confirmedSignatureDays)} after signing, then deleted`
        : "Until the campaign ends, or until you withdraw",
    },
    {
      what: "Paper pledge forms uploaded by our staff but not yet checked and stored",
      howLong: "1 day, then deleted",
    },
    {
      what: "Volunteer details not confirmed by email",
      howLong: `${days(policy.unconfirmedVolunteerDays)}, then deleted`,
    },
    { what: "Volunteer details", howLong: "While you volunteer with us, until you withdraw" },
    {
      what: "Records of emails we sent you",
      howLong: `Each email is written from your record as it is sent, and no copy is kept. The delivery record (which email, and when) is deleted after ${days(policy.sentEmailDays)}. If an email could not be delivered, its record is kept until our staff have dealt with it (sent it again or closed it), then deleted after the same period`,
    },
    {
      what: "The staff audit log (who saw or changed what)",
      howLong: `${days(policy.auditLogDays)}, then deleted`,
    },
    { what: "Staff sign-in sessions", howLong: "30 minutes without use, and 12 hours at most" },
  ];
}
