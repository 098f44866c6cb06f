import { evaluate } from "@mdx-js/mdx";
import type { MDXContent } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import remarkGfm from "remark-gfm";

/**
 * Turns an MDX body into a React component. Runs on the server at build time only: content pages are
 * pre-rendered, so no MDX compiler or content ever reaches the browser.
 */
export async function compileMdx(body: string, file: string): Promise<MDXContent> {
  try {
    const { default: Content } = await evaluate(body, { ...runtime, remarkPlugins: [remarkGfm] });
    return Content;
  } catch (error) {
    throw new Error(`${file}: body is not valid MDX (${(error as Error).message})`);
  }
}
