// Types for script-free-pages.mjs (plain JavaScript, used by serve.mjs through script-free-response.mjs).
export declare function isScriptFreePage(url: string | undefined): boolean;
export declare function stripNextRuntime(html: string): string;
