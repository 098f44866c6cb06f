import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SimplePage } from "@/components/layout/simple-page";
import { VolunteerForm } from "@/components/volunteers/volunteer-form";
import { pageAlternates } from "@/lib/content/metadata";
import { newVolunteerFormToken } from "@/lib/volunteers";
import { volunteerAction } from "@/app/scotland/volunteer/actions";

export const metadata: Metadata = {
  title: "Volunteer in Scotland",
  description: "If you live in Scotland with secondary breast cancer, help us make sure everyone is counted.",
  alternates: pageAlternates("/scotland/volunteer"),
};

export default async function VolunteerPage() {
  await connection(); // a fresh form-timing token per visit
  return (
    <SimplePage
      title="Volunteer with us in Scotland"
      lede="If you live in Scotland with secondary breast cancer, your voice can help get everyone counted. Tell us a little about yourself and how you would like to help."
    >
      <p>
        It takes about five minutes. Read <Link href="/scotland">why Scotland matters now</Link> and our{" "}
        <Link href="/privacy">privacy notice</Link> first if you like.
      </p>
      <VolunteerForm action={volunteerAction} formToken={newVolunteerFormToken()} />
    </SimplePage>
  );
}
