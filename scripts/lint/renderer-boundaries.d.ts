import type { Linter } from 'eslint';

export declare const FEATURE_TO_FEATURE: string;
export declare const FEATURE_TO_APP: string;
export declare const SHARED_TO_FEATURE: string;
/** The window's boundary rules for the renderer source folder `root` (relative to `basePath`, default the working directory). */
export declare function rendererBoundaries(root: string, basePath?: string): Linter.Config;
