import { describeCharityRegistrations, organisation } from "@/lib/content/organisation";

/**
 * The controller's identity and how to reach them, from content/organisation.yaml: shown in the privacy
 * notice and on the About page, so both always say the same thing.
 */
export function OrganisationDetails() {
  const org = organisation();
  return (
    <dl className="organisation-details">
      <dt>Organisation</dt>
      <dd>
        <a href={org.url} rel="noopener">
          {org.name}
        </a>
        , {describeCharityRegistrations(org)}
      </dd>
      <dt>Company</dt>
      <dd>
        {org.legalForm}, company number {org.companyNumber}
      </dd>
      <dt>Registered office</dt>
      <dd>{org.registeredOffice}</dd>
      <dt>Writing to the campaigns team</dt>
      <dd>
        {org.campaignsEmail ? (
          <a href={`mailto:${org.campaignsEmail}`}>{org.campaignsEmail}</a>
        ) : (
          <>By post to the registered office, marked for the campaigns team</>
        )}
      </dd>
      <dt>Questions about your personal information</dt>
      <dd>By post to the {org.dataProtectionTeam} at the registered office</dd>
    </dl>
  );
}
