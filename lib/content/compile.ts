import { evaluate } from "@mdx-js/mdx";
import type { MDXContent } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import remarkGfm from "remark-gfm";

/**
 * Turns an MDX body into a React component. Runs on the server only: content pages are pre-rendered,
 * and no MDX compiler or content source ever reaches the browser.
 */
const compiled = new Map<string, Promise<MDXContent>>();

export function compileMdx(body: string, file: string): Promise<MDXContent> {
  // Pages that render on every request (home, pledge) reuse the compiled component.
  let result = compiled.get(body);
  if (!result) {
    result = evaluateMdx(body, file);
    compiled.set(body, result);
  }
  return result;
}

async function evaluateMdx(body: string, file: string): Promise<MDXContent> {
  try {
    const { default: Content } = await evaluate(body, { ...runtime, remarkPlugins: [remarkGfm] });
    return Content;
  } catch (error) {
    throw new Error(`${file}: body is not valid MDX (${(error as Error).message})`);
  }
}
