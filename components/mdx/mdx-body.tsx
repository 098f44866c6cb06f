import type { ComponentProps } from "react";
import Link from "next/link";
import { compileMdx } from "@/lib/content/compile";
import type { Source } from "@/lib/content/schema";
import { BarChart } from "@/components/charts/bar-chart";
import { Cite } from "@/components/mdx/cite";
import { Note } from "@/components/mdx/note";
import { OrganisationDetails } from "@/components/organisation/organisation-details";
import { RetentionPeriods } from "@/components/mdx/retention-periods";

type MdxBodyProps = { body: string; file: string; sources: Source[] };

function SmartLink({ href = "", ...rest }: ComponentProps<"a">) {
  // Internal links go through next/link (prefetch, client navigation); external ones say they leave the site.
  if (href.startsWith("/")) return <Link href={href} {...rest} />;
  return <a href={href} rel="noopener" {...rest} />;
}

/** Renders a content file's body with the components content authors may use. */
export async function MdxBody({ body, file, sources }: MdxBodyProps) {
  const Content = await compileMdx(body, file);
  return (
    <div className="prose">
      <Content
        components={{
          a: SmartLink,
          // Tables in prose can be wide: let them scroll on their own on small screens, not the whole page.
          table: (props) => (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Table">
              <table {...props} />
            </div>
          ),
          Cite: (props: { source: string }) => <Cite {...props} sources={sources} />,
          BarChart: (props: Omit<ComponentProps<typeof BarChart>, "sources">) => (
            <BarChart {...props} sources={sources} />
          ),
          Note,
          OrganisationDetails,
          RetentionPeriods,
        }}
      />
    </div>
  );
}
