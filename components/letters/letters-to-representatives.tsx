import { MdxBody } from "@/components/mdx/mdx-body";
import { listLetters } from "@/lib/content/letters";

/**
 * One section per nation: where to find your representative, and a letter to copy. The letter sits in a
 * <blockquote> so it reads as text to copy, not as the site speaking.
 */
export function LettersToRepresentatives() {
  return (
    <section className="letters" aria-labelledby="letters-heading">
      <h2 id="letters-heading">Write to your representative</h2>
      <p>
        Find the letter for where you live, copy it into an email or a letter, and add your own name, address
        and postcode, so they know you live in the area they represent. Change anything you like: a few words
        of your own count for more than any template.
      </p>
      {listLetters().map((letter) => (
        <section key={letter.slug} className="letter" aria-labelledby={`letter-${letter.slug}`}>
          <h3 id={`letter-${letter.slug}`}>
            {letter.nation}: write to {letter.recipient}
          </h3>
          <p>
            <a href={letter.finder.url} rel="noopener">
              {letter.finder.label}
            </a>
          </p>
          <blockquote className="letter__text" aria-label={`Letter to ${letter.recipient}`}>
            <MdxBody body={letter.body} file={letter.file} sources={[]} />
          </blockquote>
        </section>
      ))}
    </section>
  );
}
