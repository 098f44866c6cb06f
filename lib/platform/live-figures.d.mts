// Types for live-figures.mjs (plain JavaScript, used by the production server's page cache).
export declare const LIVE_FIGURES_MAX_AGE_MS: number;
export declare function figuresReadAt(html: string): number | undefined;
